import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { StateStore } from '../../../runtime/common/state';
import '../../../runtime/plugins';
import { providerFor, type ProviderContext } from '../../../runtime/stacks/provider';
import { git, tempAccount } from './helpers';

const { root, home } = tempAccount();

function context(logs: string[]): ProviderContext {
  return { store: new StateStore(home), stackName: 'dev', stackId: 'id', logicalId: 'Repo', resourceType: 'AWS::CodeCommit::Repository', region: 'us-east-1', accountId: '000000000000', templateDir: root, log: (m) => logs.push(m) };
}

test('AWS::CodeCommit::Repository creates, updates, reads, snapshots and deletes a hosted repository', async () => {
  const provider = providerFor('AWS::CodeCommit::Repository');
  assert.ok(provider);
  const logs: string[] = [];
  const ctx = context(logs);
  const created = await provider.create({ RepositoryName: 'from-stack', RepositoryDescription: 'made by a template' }, ctx);
  assert.equal(created.physicalId, 'from-stack');
  assert.match(created.ref!, /^[0-9a-f-]{36}$/);
  assert.equal(created.attributes.Arn, 'arn:aws:codecommit:us-east-1:000000000000:from-stack');
  assert.equal(created.attributes.Name, 'from-stack');
  assert.equal(git(root, ['ls-remote', String(created.attributes.CloneUrlHttp)]), '');
  await provider.update('from-stack', { RepositoryName: 'from-stack', RepositoryDescription: 'changed' }, {}, ctx);
  assert.deepEqual(await provider.read!('from-stack', {}, ctx), { RepositoryName: 'from-stack', RepositoryDescription: 'changed' });
  assert.equal(provider.replacesOn!('RepositoryName', {}, {}), true);
  const snapshot = await provider.snapshot!('from-stack', {}, ctx);
  assert.ok(fs.existsSync(`${snapshot}/HEAD`));
  await provider.delete('from-stack', {}, ctx);
  assert.equal(await provider.read!('from-stack', {}, ctx), undefined);
  await assert.rejects(provider.create({ RepositoryName: 'x', Code: { S3: { Bucket: 'b', Key: 'k' } } }, ctx), /Code \(initial content from an S3 zip\) has no local source/);
  await assert.rejects(provider.create({}, ctx), /RepositoryName is required/);
});
