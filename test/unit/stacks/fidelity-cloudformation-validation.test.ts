// Scenario tests: template errors CloudFormation finds when a stack or change set is created,
// before any resource, each named after the AWS page it follows.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { main } from '../../../runtime/cli/main';
import { deploy, engineInTemp } from './helpers';

const { engine, dir } = engineInTemp();

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, dir);
  return { code, stdout, stderr };
}

/** Refused by the engine and by `slipway stack deploy` (exit 2, the file and line when given), with no stack and no resource made. */
async function refusedBeforeCreation(name: string, text: string, message: RegExp, line?: number): Promise<void> {
  await assert.rejects(deploy(engine, dir, name, text), message);
  assert.equal(engine.stacks.read(name), undefined, `${name}: nothing is created`);
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(file, text);
  const viaCli = await cli('stack', 'deploy', name, '--template', file);
  assert.equal(viaCli.code, 2, viaCli.stderr);
  assert.match(viaCli.stderr, message);
  if (line !== undefined) assert.match(viaCli.stderr, new RegExp(`${name}\\.yaml:${line}: `), 'names the file and the line of the output');
  assert.equal(viaCli.stderr.trim().split('\n').length, 1, 'one line');
  assert.equal(engine.stacks.read(name), undefined);
  assert.equal(fs.existsSync(path.join(dir, `${name}-made.txt`)), false, 'no resource was created');
}

const MADE = (name: string) => `Resources:\n  Made: {Type: Slipway::Local::File, Properties: {Path: ${name}-made.txt, Content: x}}\n`;

test('CloudFormation intrinsic-function-reference-importvalue ("Export names must be unique within a Region"): two outputs of one template exporting one name are refused before anything is created, naming the file and line', async () => {
  const literal = `${MADE('dup-literal')}Outputs:\n  First: {Value: a, Export: {Name: shared}}\n  Second: {Value: b, Export: {Name: shared}}\n`;
  await refusedBeforeCreation('dup-literal', literal, /Output Second exports shared, which output First of this template already exports/, 5);
  // Names built from parameters and pseudo parameters are known before creation too.
  const built = `Parameters:\n  Stage: {Type: String, Default: dev}\n${MADE('dup-built')}Outputs:\n  First:\n    Value: a\n    Export: {Name: !Sub "\${AWS::StackName}-\${Stage}"}\n  Second:\n    Value: b\n    Export:\n      Name: !Join ["-", [!Ref "AWS::StackName", !Ref Stage]]\n`;
  await refusedBeforeCreation('dup-built', built, /Output Second exports dup-built-dev, which output First/, 9);

  // Distinct names deploy.
  const fine = await deploy(engine, dir, 'dup-none', `${MADE('dup-none')}Outputs:\n  First: {Value: a, Export: {Name: one}}\n  Second: {Value: b, Export: {Name: two}}\n`);
  assert.equal(fine.status, 'CREATE_COMPLETE', fine.statusReason);
});

test('CloudFormation intrinsic-function-reference-select ("the index … must be a value from zero to N-1"): an out-of-range Fn::Select in Outputs over a list known before creation is refused before anything is created; over resource values it waits for them', async () => {
  await refusedBeforeCreation('select-literal', `${MADE('select-literal')}Outputs:\n  Fruit:\n    Value: !Select [4, [apples, grapes]]\n`, /Outputs\/Fruit\/Value.*Fn::Select cannot select nonexistent value at index 4/, 5);
  await refusedBeforeCreation('select-full', `${MADE('select-full')}Outputs:\n  Fruit:\n    Value:\n      Fn::Select: ["2", [apples, grapes]]\n`, /Fn::Select cannot select nonexistent value at index 2/, 6);
  // A CommaDelimitedList parameter is known too, and so is a Select nested in another function.
  const parameter = `Parameters:\n  Zones: {Type: CommaDelimitedList, Default: "a,b"}\n${MADE('select-param')}Outputs:\n  Third:\n    Value: !Join ["-", [x, !Select [2, !Ref Zones]]]\n`;
  await refusedBeforeCreation('select-param', parameter, /Fn::Select cannot select nonexistent value at index 2/, 7);
  // An output whose Condition does not hold is not evaluated, as CloudFormation leaves it out.
  const skipped = await deploy(engine, dir, 'select-skipped', `Conditions:\n  Never: !Equals [a, b]\n${MADE('select-skipped')}Outputs:\n  Fruit: {Condition: Never, Value: !Select [4, [apples]]}\n  Ok: {Value: !Select [1, [apples, grapes]]}\n`);
  assert.equal(skipped.status, 'CREATE_COMPLETE', skipped.statusReason);
  assert.deepEqual(skipped.outputs.map((o) => [o.key, o.value]), [['Ok', 'grapes']]);
  // A list made from resource values is known only once they exist.
  const fromResource = await deploy(engine, dir, 'select-resource', `${MADE('select-resource')}Outputs:\n  Part: {Value: !Select [0, !Split ["-", !Ref Made]]}\n`);
  assert.equal(fromResource.status, 'CREATE_COMPLETE', fromResource.statusReason);
});
