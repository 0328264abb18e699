import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { StateStore } from '../../../runtime/common/state';
import { stacksDeployedFrom } from '../../../runtime/stacks/deployed-from';
import { StackStore } from '../../../runtime/stacks/stack-store';
import type { StackRecord } from '../../../runtime/stacks/types';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-deployed-from-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

const template = { Resources: { Queue: { Type: 'AWS::SQS::Queue' }, Topic: { Type: 'AWS::SNS::Topic' } } };

function record(name: string, templatePath: string, extra: Partial<StackRecord> = {}): StackRecord {
  return { name, stackId: `id-${name}`, status: 'CREATE_COMPLETE', template, templatePath, ...extra } as unknown as StackRecord;
}

describe('the stacks a template is deployed as', () => {
  it('the stack deployed from the file itself first, then copies of it (a pipeline artifact), never other templates or nested stacks', () => {
    const stacks = new StackStore(new StateStore(path.join(root, 'home')));
    const file = path.join(root, 'ws', 'template.yaml');
    stacks.write(record('hello-service-dev', path.join(root, 'home', 'pipelines', 'artifacts', 'x', 'template.yaml')));
    stacks.write(record('from-file', file));
    stacks.write(record('other', path.join(root, 'elsewhere', 'template.yaml'), { template: { Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } } } as Partial<StackRecord>));
    stacks.write(record('nested', path.join(root, 'n', 'template.yaml'), { parentId: 'id-from-file' } as Partial<StackRecord>));
    stacks.write(record('renamed', path.join(root, 'ws', 'other-name.yaml')));
    assert.deepEqual(stacksDeployedFrom(stacks, file, template), ['from-file', 'hello-service-dev']);
    assert.deepEqual(stacksDeployedFrom(stacks, path.join(root, 'new', 'template.yaml'), { Resources: { Queue: { Type: 'AWS::SQS::Queue' } } }), []);
  });
});
