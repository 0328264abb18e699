// Scenario tests: template errors CloudFormation finds when a stack or change set is created,
// before any resource, each named after the AWS page it follows.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { deploy, engineInTemp, refusedBeforeCreation } from './helpers';

const { engine, dir } = engineInTemp();

/** Refused before creation (helpers.ts), and no file of the template's resource was written. */
async function refused(name: string, text: string, message: RegExp, line?: number): Promise<void> {
  await refusedBeforeCreation(engine, dir, name, text, message, line);
  assert.equal(fs.existsSync(path.join(dir, `${name}-made.txt`)), false, 'no resource was created');
}

const MADE = (name: string) => `Resources:\n  Made: {Type: Slipway::Local::File, Properties: {Path: ${name}-made.txt, Content: x}}\n`;

test('CloudFormation intrinsic-function-reference-importvalue ("Export names must be unique within a Region"): two outputs of one template exporting one name are refused before anything is created, naming the file and line', async () => {
  const literal = `${MADE('dup-literal')}Outputs:\n  First: {Value: a, Export: {Name: shared}}\n  Second: {Value: b, Export: {Name: shared}}\n`;
  await refused('dup-literal', literal, /Output Second exports shared, which output First of this template already exports/, 5);
  // Names built from parameters and pseudo parameters are known before creation too.
  const built = `Parameters:\n  Stage: {Type: String, Default: dev}\n${MADE('dup-built')}Outputs:\n  First:\n    Value: a\n    Export: {Name: !Sub "\${AWS::StackName}-\${Stage}"}\n  Second:\n    Value: b\n    Export:\n      Name: !Join ["-", [!Ref "AWS::StackName", !Ref Stage]]\n`;
  await refused('dup-built', built, /Output Second exports dup-built-dev, which output First/, 9);

  // Distinct names deploy.
  const fine = await deploy(engine, dir, 'dup-none', `${MADE('dup-none')}Outputs:\n  First: {Value: a, Export: {Name: one}}\n  Second: {Value: b, Export: {Name: two}}\n`);
  assert.equal(fine.status, 'CREATE_COMPLETE', fine.statusReason);
});

test('CloudFormation intrinsic-function-reference-select ("the index … must be a value from zero to N-1"): an out-of-range Fn::Select in Outputs over a list known before creation is refused before anything is created; over resource values it waits for them', async () => {
  await refused('select-literal', `${MADE('select-literal')}Outputs:\n  Fruit:\n    Value: !Select [4, [apples, grapes]]\n`, /Outputs\/Fruit\/Value.*Fn::Select cannot select nonexistent value at index 4/, 5);
  await refused('select-full', `${MADE('select-full')}Outputs:\n  Fruit:\n    Value:\n      Fn::Select: ["2", [apples, grapes]]\n`, /Fn::Select cannot select nonexistent value at index 2/, 6);
  // A CommaDelimitedList parameter is known too, and so is a Select nested in another function.
  const parameter = `Parameters:\n  Zones: {Type: CommaDelimitedList, Default: "a,b"}\n${MADE('select-param')}Outputs:\n  Third:\n    Value: !Join ["-", [x, !Select [2, !Ref Zones]]]\n`;
  await refused('select-param', parameter, /Fn::Select cannot select nonexistent value at index 2/, 7);
  // An output whose Condition does not hold is not evaluated, as CloudFormation leaves it out.
  const skipped = await deploy(engine, dir, 'select-skipped', `Conditions:\n  Never: !Equals [a, b]\n${MADE('select-skipped')}Outputs:\n  Fruit: {Condition: Never, Value: !Select [4, [apples]]}\n  Ok: {Value: !Select [1, [apples, grapes]]}\n`);
  assert.equal(skipped.status, 'CREATE_COMPLETE', skipped.statusReason);
  assert.deepEqual(skipped.outputs.map((o) => [o.key, o.value]), [['Ok', 'grapes']]);
  // A list made from resource values is known only once they exist.
  const fromResource = await deploy(engine, dir, 'select-resource', `${MADE('select-resource')}Outputs:\n  Part: {Value: !Select [0, !Split ["-", !Ref Made]]}\n`);
  assert.equal(fromResource.status, 'CREATE_COMPLETE', fromResource.statusReason);
});
