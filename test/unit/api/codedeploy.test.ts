// CodeDeploy operations called as the endpoint calls them, checked against the API reference:
// https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_Operations.html
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { codedeployService } from '../../../runtime/api/codedeploy';
import { BucketStore } from '../../../runtime/buckets/objects';
import { zipFolder } from '../../../runtime/builds/zip';
import { traceScript, writeRevision } from '../deployments/helpers';
import { apiSandbox, caller, errorCode, poll } from './helpers';

describe('CodeDeploy API (API_Operations)', () => {
  const box = apiSandbox();
  const call = caller(codedeployService, box.ctx);
  const trace = path.join(box.root, 'trace.log');
  const revision = { revisionType: 'S3', s3Location: { bucket: 'releases', key: 'app/v1', bundleType: 'zip' } };
  before(() => {
    // What `aws deploy push` leaves behind: a zip object in a local bucket.
    const folder = writeRevision(path.join(box.root, 'rev'), {
      'appspec.yml': 'version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: /srv/app\nhooks:\n  AfterInstall:\n    - location: scripts/after.sh\n',
      'app/index.html': 'v1\n',
      'scripts/after.sh': traceScript(trace, 'v1'),
    });
    upload(folder, 'app/v1');
  });
  after(() => box.cleanup());

  /** What `aws deploy push` does: zip the folder, put it in a local bucket. */
  const upload = (folder: string, key: string) => {
    const zip = path.join(box.root, `${key.replace(/\//g, '-')}.zip`);
    zipFolder(folder, zip);
    const buckets = new BucketStore(box.store);
    if (!buckets.exists('releases')) buckets.createBucket('releases');
    buckets.put('releases', key, fs.readFileSync(zip));
  };
  const finished = (id: string) => poll(box.store.home, () => call('GetDeployment', { deploymentId: id }), (out) => ['Succeeded', 'Failed', 'Stopped'].includes(out.deploymentInfo.status));

  it('applications, configs and on-premises instances with tags (API_RegisterOnPremisesInstance)', async () => {
    const { applicationId } = await call('CreateApplication', { applicationName: 'web', computePlatform: 'Server' });
    assert.match(applicationId, /^[0-9a-f-]{36}$/);
    assert.equal(await errorCode(call('CreateApplication', { applicationName: 'web' })), 'ApplicationAlreadyExistsException');
    assert.equal(await errorCode(call('CreateApplication', { applicationName: 'fn', computePlatform: 'Lambda' })), 'InvalidComputePlatformException');
    assert.equal((await call('GetApplication', { applicationName: 'web' })).application.computePlatform, 'Server');
    assert.equal(await errorCode(call('GetApplication', { applicationName: 'nope' })), 'ApplicationDoesNotExistException');
    await call('CreateDeploymentConfig', { deploymentConfigName: 'Half', minimumHealthyHosts: { type: 'FLEET_PERCENT', value: 50 } });
    assert.deepEqual((await call('GetDeploymentConfig', { deploymentConfigName: 'Half' })).deploymentConfigInfo.minimumHealthyHosts, { type: 'FLEET_PERCENT', value: 50 });
    assert.ok((await call('ListDeploymentConfigs')).deploymentConfigsList.includes('CodeDeployDefault.AllAtOnce'));
    assert.equal(await errorCode(call('DeleteDeploymentConfig', { deploymentConfigName: 'CodeDeployDefault.AllAtOnce' })), 'InvalidOperationException');

    for (const name of ['host-a', 'host-b', 'other']) await call('RegisterOnPremisesInstance', { instanceName: name, iamUserArn: `arn:aws:iam::000000000000:user/${name}` });
    assert.equal(await errorCode(call('RegisterOnPremisesInstance', { instanceName: 'host-a', iamUserArn: 'arn:aws:iam::000000000000:user/x' })), 'InstanceNameAlreadyRegisteredException');
    assert.equal(await errorCode(call('RegisterOnPremisesInstance', { instanceName: 'host-c' })), 'IamArnRequiredException');
    assert.equal(await errorCode(call('RegisterOnPremisesInstance', { instanceName: '../evil', iamUserArn: 'arn:aws:iam::000000000000:user/x' })), 'InvalidInstanceNameException');
    await call('AddTagsToOnPremisesInstances', { instanceNames: ['host-a', 'host-b'], tags: [{ Key: 'role', Value: 'web' }] });
    await call('AddTagsToOnPremisesInstances', { instanceNames: ['other'], tags: [{ Key: 'role', Value: 'db' }] });
    assert.deepEqual((await call('GetOnPremisesInstance', { instanceName: 'host-a' })).instanceInfo.tags, [{ Key: 'role', Value: 'web' }]);
    assert.deepEqual((await call('ListOnPremisesInstances', { tagFilters: [{ Key: 'role', Value: 'web', Type: 'KEY_AND_VALUE' }] })).instanceNames, ['host-a', 'host-b']);
    await call('RemoveTagsFromOnPremisesInstances', { instanceNames: ['other'], tags: [{ Key: 'role', Value: 'db' }] });
    assert.deepEqual((await call('GetOnPremisesInstance', { instanceName: 'other' })).instanceInfo.tags, []);
    assert.equal(await errorCode(call('AddTagsToOnPremisesInstances', { instanceNames: ['ghost'], tags: [{ Key: 'a', Value: 'b' }] })), 'InstanceNotRegisteredException');
  });

  it('a group whose on-premises tag filters select instances; CreateDeployment of an S3 revision runs every lifecycle event (API_CreateDeployment)', async () => {
    const { deploymentGroupId } = await call('CreateDeploymentGroup', {
      applicationName: 'web',
      deploymentGroupName: 'prod',
      deploymentConfigName: 'CodeDeployDefault.AllAtOnce',
      onPremisesInstanceTagFilters: [{ Key: 'role', Value: 'web', Type: 'KEY_AND_VALUE' }],
      serviceRoleArn: 'arn:aws:iam::000000000000:role/deploy',
    });
    assert.match(deploymentGroupId, /^[0-9a-f-]{36}$/);
    const info = (await call('GetDeploymentGroup', { applicationName: 'web', deploymentGroupName: 'prod' })).deploymentGroupInfo;
    assert.equal(info.serviceRoleArn, 'arn:aws:iam::000000000000:role/deploy');
    assert.deepEqual(info.onPremisesInstanceTagFilters, [{ Key: 'role', Value: 'web', Type: 'KEY_AND_VALUE' }]);
    await call('RegisterApplicationRevision', { applicationName: 'web', revision, description: 'v1' });
    assert.deepEqual((await call('ListApplicationRevisions', { applicationName: 'web' })).revisions, [revision]);

    const { deploymentId } = await call('CreateDeployment', { applicationName: 'web', deploymentGroupName: 'prod', revision, description: 'first' });
    assert.match(deploymentId, /^d-/);
    const done = (await finished(deploymentId)).deploymentInfo;
    assert.equal(done.status, 'Succeeded', JSON.stringify(done.errorInformation));
    assert.deepEqual(done.revision, revision);
    assert.equal(done.description, 'first');
    assert.deepEqual(done.deploymentOverview, { Pending: 0, InProgress: 0, Succeeded: 2, Failed: 0, Skipped: 0, Ready: 0 });
    assert.equal(fs.readFileSync(path.join(box.store.path('deployments', 'on-premises', 'host-a'), 'srv', 'app', 'index.html'), 'utf8'), 'v1\n');

    const targets = await call('ListDeploymentTargets', { deploymentId });
    assert.deepEqual(targets.targetIds, ['host-a', 'host-b']);
    const detail = await call('BatchGetDeploymentTargets', { deploymentId, targetIds: ['host-a'] });
    const target = detail.deploymentTargets[0].instanceTarget;
    assert.equal(target.status, 'Succeeded');
    const events = target.lifecycleEvents.map((e: { lifecycleEventName: string; status: string }) => `${e.lifecycleEventName}:${e.status}`);
    assert.ok(events.includes('AfterInstall:Succeeded') && events.includes('Install:Succeeded'), events.join(' '));
    assert.equal(await errorCode(call('BatchGetDeploymentTargets', { deploymentId, targetIds: ['other'] })), 'DeploymentTargetDoesNotExistException');
    assert.deepEqual((await call('ListDeployments', { applicationName: 'web', deploymentGroupName: 'prod' })).deployments, [deploymentId]);
    assert.equal((await call('GetDeploymentGroup', { applicationName: 'web', deploymentGroupName: 'prod' })).deploymentGroupInfo.lastSuccessfulDeployment.deploymentId, deploymentId);
    assert.equal(await errorCode(call('StopDeployment', { deploymentId })), 'DeploymentAlreadyCompletedException');
  });

  it('refuses revisions that are missing, outside the bucket or of another type (API_CreateDeployment errors)', async () => {
    const create = (rev: unknown) => call('CreateDeployment', { applicationName: 'web', deploymentGroupName: 'prod', revision: rev });
    assert.equal(await errorCode(create({ revisionType: 'S3', s3Location: { bucket: 'releases', key: 'app/none', bundleType: 'zip' } })), 'InvalidRevisionException');
    assert.equal(await errorCode(create({ revisionType: 'S3', s3Location: { bucket: 'releases', key: '../../../etc/passwd', bundleType: 'zip' } })), 'InvalidRevisionException');
    assert.equal(await errorCode(create({ revisionType: 'GitHub', gitHubLocation: { repository: 'a/b', commitId: 'x' } })), 'InvalidRevisionException');
    assert.equal(await errorCode(create(undefined)), 'RevisionRequiredException');
    assert.equal(await errorCode(call('CreateDeployment', { applicationName: 'web', deploymentGroupName: 'nope', revision })), 'DeploymentGroupDoesNotExistException');
    assert.equal(await errorCode(call('GetDeployment', { deploymentId: 'd-NOPE' })), 'DeploymentDoesNotExistException');
    assert.equal(await errorCode(call('GetDeployment', { deploymentId: '../x' })), 'InvalidDeploymentIdException');
  });

  it('StopDeployment stops a running deployment (API_StopDeployment)', async () => {
    const folder = writeRevision(path.join(box.root, 'slow'), {
      'appspec.yml': 'version: 0.0\nos: linux\nhooks:\n  BeforeInstall:\n    - location: scripts/wait.sh\n      timeout: 60\n',
      'scripts/wait.sh': `#!/bin/sh\ntouch ${path.join(box.root, 'started')}\nsleep 30\n`,
    });
    upload(folder, 'slow.zip');
    const { deploymentId } = await call('CreateDeployment', { applicationName: 'web', deploymentGroupName: 'prod', revision: { revisionType: 'S3', s3Location: { bucket: 'releases', key: 'slow.zip' } } });
    await poll(box.root, async () => fs.existsSync(path.join(box.root, 'started')), (v) => v);
    assert.equal(await errorCode(call('CreateDeployment', { applicationName: 'web', deploymentGroupName: 'prod', revision })), 'DeploymentLimitExceededException');
    await call('StopDeployment', { deploymentId });
    assert.equal((await finished(deploymentId)).deploymentInfo.status, 'Stopped');
  });
});
