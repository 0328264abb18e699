import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, findings } from '../helpers';

test('timeouts are whole seconds up to 3600', () => {
  const text = 'version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: 3601\n    - location: b.sh\n      timeout: "300"\n    - location: c.sh\n      timeout: soon\n';
  assert.deepEqual(brief(findings('appspec', text)), ['EA104@6:16', 'EA104@10:16']);
});

test('destinations are absolute for the os', () => {
  const linux = 'version: 0.0\nos: linux\nfiles:\n  - source: a\n    destination: srv/app\n  - source: b\n    destination: /srv/app\n';
  assert.deepEqual(brief(findings('appspec', linux)), ['EA105@5:18']);
  const windows = 'version: 0.0\nos: windows\nfiles:\n  - source: \\index.html\n    destination: C:\\inetpub\\wwwroot\n';
  assert.deepEqual(findings('appspec', windows), []);
});

test('permissions are well formed', () => {
  const text = 'version: 0.0\nos: linux\npermissions:\n  - object: /srv/app\n    mode: 0899\n    acls:\n      - u:mary:rw\n      - mary:rw\n  - object: srv\n';
  assert.deepEqual(brief(findings('appspec', text)), ['EA107@5:11', 'EA107@8:9', 'EA107@9:13']);
});

test('keys belong to the platform of the file', () => {
  assert.deepEqual(brief(findings('appspec', 'version: 0.0\nhooks:\n  AfterInstall:\n    - location: a.sh\n')), ['EA108@1:1']);
  const ecs = 'version: 0.0\nos: linux\nResources:\n  - svc:\n      Type: AWS::ECS::Service\n      Properties:\n        TaskDefinition: arn\n        LoadBalancerInfo:\n          ContainerName: web\n          ContainerPort: 80\n';
  assert.deepEqual(brief(findings('appspec', ecs)), ['EA108@2:1']);
});

test('schema: unknown keys with replacement, file_exists_behavior values', () => {
  const result = findings('appspec', 'version: 0.0\nos: linux\nfile_exists_behaviour: RETAIN\nhooks:\n  AfterInstall:\n    - locaton: a.sh\n');
  assert.deepEqual(brief(result), ['EA001@3:1', 'EA001@6:7', 'EA003@6:7']);
  assert.equal(result[0].data?.replacement, 'file_exists_behavior');
  assert.equal(result[1].data?.replacement, 'location');
});
