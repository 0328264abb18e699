import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseClover, parseCobertura, parseJaCoCo, parseSimpleCov } from '../../../runtime/builds/reports/coverage';
import { parseCucumber, parseJUnit, parseNUnit, parseTestNG, parseTrx } from '../../../runtime/builds/reports/tests';
import { parseXml } from '../../../runtime/builds/reports/xml';

describe('test reports', () => {
  it('parses JUnit XML with nested suites, failures, errors and skips', () => {
    const cases = parseJUnit(`<?xml version="1.0"?>
<testsuites>
  <testsuite name="math" tests="4">
    <testcase name="adds" classname="math.Add" time="0.012"/>
    <testcase name="divides" classname="math.Div" time="0.5"><failure message="expected 2 &amp; got 3">stack</failure></testcase>
    <testcase name="crashes" time="1"><error message="boom"/></testcase>
    <testsuite name="inner"><testcase name="later"><skipped/></testcase></testsuite>
  </testsuite>
  <!-- a comment -->
</testsuites>`);
    assert.deepEqual(cases.map((c) => [c.prefix, c.name, c.status, c.durationMs]), [
      ['math.Add', 'adds', 'SUCCEEDED', 12],
      ['math.Div', 'divides', 'FAILED', 500],
      ['math', 'crashes', 'ERROR', 1000],
      ['math › inner', 'later', 'SKIPPED', undefined],
    ]);
    assert.equal(cases[1].message, 'expected 2 & got 3');
  });

  it('parses a single testsuite root and CDATA messages', () => {
    const cases = parseJUnit('<testsuite name="s"><testcase name="t"><failure><![CDATA[a < b]]></failure></testcase></testsuite>');
    assert.equal(cases[0].status, 'FAILED');
    assert.equal(cases[0].message, 'a < b');
  });

  it('says where malformed XML gives up', () => {
    assert.throws(() => parseXml('<a><b></a>'), /closing tag <\/a> does not match <b>/);
    assert.throws(() => parseXml('<a>'), /<a> is never closed/);
  });

  it('parses Cucumber JSON scenarios', () => {
    const cases = parseCucumber(
      JSON.stringify([
        {
          name: 'Login',
          uri: 'features/login.feature',
          elements: [
            { name: 'good password', type: 'scenario', steps: [{ result: { status: 'passed', duration: 2_000_000 } }] },
            { name: 'bad password', type: 'scenario', steps: [{ result: { status: 'passed' } }, { result: { status: 'failed', error_message: 'denied' } }] },
            { name: 'pending', type: 'scenario', steps: [{ result: { status: 'undefined' } }] },
          ],
        },
      ]),
    );
    assert.deepEqual(cases.map((c) => [c.name, c.status]), [['good password', 'SUCCEEDED'], ['bad password', 'FAILED'], ['pending', 'SKIPPED']]);
    assert.equal(cases[0].durationMs, 2);
    assert.equal(cases[1].message, 'denied');
  });

  it('parses TestNG results, leaving out configuration methods', () => {
    const cases = parseTestNG(`<testng-results><suite><test><class name="a.B">
      <test-method name="setUp" status="PASS" is-config="true"/>
      <test-method name="works" status="PASS" duration-ms="5"/>
      <test-method name="breaks" status="FAIL"><exception><message>bad</message></exception></test-method>
      <test-method name="later" status="SKIP"/>
    </class></test></suite></testng-results>`);
    assert.deepEqual(cases.map((c) => [c.prefix, c.name, c.status]), [['a.B', 'works', 'SUCCEEDED'], ['a.B', 'breaks', 'FAILED'], ['a.B', 'later', 'SKIPPED']]);
    assert.equal(cases[1].message, 'bad');
  });

  it('parses NUnit 3 and NUnit 2 results', () => {
    const v3 = parseNUnit(`<test-run><test-suite><test-case name="Adds" fullname="Calc.Tests.Adds" result="Passed" duration="0.25"/>
      <test-case name="Fails" fullname="Calc.Tests.Fails" result="Failed"><failure><message>nope</message></failure></test-case></test-suite></test-run>`);
    assert.deepEqual(v3.map((c) => [c.prefix, c.name, c.status, c.durationMs]), [['Calc.Tests', 'Adds', 'SUCCEEDED', 250], ['Calc.Tests', 'Fails', 'FAILED', undefined]]);
    assert.equal(v3[1].message, 'nope');
    const v2 = parseNUnit('<test-results><test-case name="N.T.Ok" executed="True" result="Success" time="0.1"/><test-case name="N.T.Ign" executed="False" result="Ignored"/></test-results>');
    assert.deepEqual(v2.map((c) => c.status), ['SUCCEEDED', 'SKIPPED']);
  });

  it('parses Visual Studio TRX', () => {
    const cases = parseTrx(`<TestRun><TestDefinitions><UnitTest id="1"><TestMethod className="Ns.Cls" name="A"/></UnitTest></TestDefinitions>
      <Results><UnitTestResult testId="1" testName="A" outcome="Passed" duration="00:00:01.5000000"/>
      <UnitTestResult testId="2" testName="B" outcome="Failed"><Output><ErrorInfo><Message>bad</Message></ErrorInfo></Output></UnitTestResult>
      <UnitTestResult testId="3" testName="C" outcome="NotExecuted"/></Results></TestRun>`);
    assert.deepEqual(cases.map((c) => [c.prefix, c.name, c.status, c.durationMs]), [['Ns.Cls', 'A', 'SUCCEEDED', 1500], ['', 'B', 'FAILED', undefined], ['', 'C', 'SKIPPED', undefined]]);
  });
});

describe('coverage reports', () => {
  it('summarises Cobertura per file with branches', () => {
    const c = parseCobertura(`<coverage><packages><package><classes>
      <class filename="src/a.js"><lines><line number="1" hits="1"/><line number="2" hits="0" branch="true" condition-coverage="50% (1/2)"/></lines></class>
      <class filename="src/b.js"><lines><line number="1" hits="3"/></lines></class>
    </classes></package></packages></coverage>`);
    assert.equal(c.linesCovered, 2);
    assert.equal(c.linesMissed, 1);
    assert.equal(c.lineCoveragePercentage.toFixed(1), '66.7');
    assert.equal(c.branchCoveragePercentage, 50);
    assert.deepEqual(c.files.map((f) => f.file), ['src/a.js', 'src/b.js']);
  });

  it('summarises Clover, JaCoCo and SimpleCov', () => {
    const clover = parseClover('<coverage><project><file name="a.php" path="src/a.php"><metrics statements="10" coveredstatements="8" conditionals="4" coveredconditionals="1"/></file></project></coverage>');
    assert.equal(clover.lineCoveragePercentage, 80);
    assert.equal(clover.branchCoveragePercentage, 25);
    const jacoco = parseJaCoCo(`<report name="r"><package name="com/x"><sourcefile name="A.java"><counter type="LINE" missed="1" covered="3"/></sourcefile></package>
      <counter type="LINE" missed="1" covered="3"/><counter type="BRANCH" missed="2" covered="2"/></report>`);
    assert.equal(jacoco.lineCoveragePercentage, 75);
    assert.equal(jacoco.files[0].file, 'com/x/A.java');
    assert.equal(jacoco.branchCoveragePercentage, 50);
    const simple = parseSimpleCov(JSON.stringify({ RSpec: { coverage: { '/app/a.rb': { lines: [1, 0, null, 2] } } } }));
    assert.equal(simple.linesCovered, 2);
    assert.equal(simple.linesMissed, 1);
    assert.equal(parseSimpleCov(JSON.stringify({ result: { line: 91.5 } })).lineCoveragePercentage, 91.5);
  });
});
