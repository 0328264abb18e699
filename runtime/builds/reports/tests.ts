import type { TestCase, TestStatus } from './types';
import { child, descendants, parseXml, type XmlElement } from './xml';

const seconds = (value: string | undefined) => (value && Number.isFinite(Number(value)) ? Math.round(Number(value) * 1000) : undefined);

function messageOf(element: XmlElement | undefined): string | undefined {
  if (!element) return undefined;
  const text = (element.attrs.message ?? element.text ?? '').trim();
  return text ? text.split('\n').slice(0, 20).join('\n') : undefined;
}

/** JUnit XML (Surefire, Jest, pytest, node --test-reporter=junit …). */
export function parseJUnit(text: string): TestCase[] {
  const root = parseXml(text);
  const cases: TestCase[] = [];
  const visit = (element: XmlElement, suites: string[]) => {
    for (const item of element.children) {
      if (item.name === 'testsuite' || item.name === 'testsuites') {
        visit(item, item.name === 'testsuite' && item.attrs.name ? [...suites, item.attrs.name] : suites);
      } else if (item.name === 'testcase') {
        const failure = child(item, 'failure');
        const error = child(item, 'error');
        const skipped = child(item, 'skipped');
        const status: TestStatus = failure ? 'FAILED' : error ? 'ERROR' : skipped ? 'SKIPPED' : 'SUCCEEDED';
        cases.push({
          name: item.attrs.name ?? '(unnamed)',
          prefix: item.attrs.classname || suites.join(' › '),
          status,
          durationMs: seconds(item.attrs.time),
          message: messageOf(failure ?? error ?? skipped),
          file: item.attrs.file,
        });
      }
    }
  };
  if (root.name === 'testcase') visit({ name: '#', attrs: {}, children: [root], text: '' }, []);
  else visit({ name: '#', attrs: {}, children: [root], text: '' }, []);
  return cases;
}

/** Cucumber JSON: one case per scenario, failed when a step failed. */
export function parseCucumber(text: string): TestCase[] {
  const features = JSON.parse(text) as Array<{ name?: string; uri?: string; elements?: Array<{ name?: string; type?: string; steps?: Array<{ result?: { status?: string; duration?: number; error_message?: string } }> }> }>;
  if (!Array.isArray(features)) throw new Error('a Cucumber JSON report is a list of features');
  const cases: TestCase[] = [];
  for (const feature of features) {
    for (const scenario of feature.elements ?? []) {
      if (scenario.type === 'background') continue;
      const results = (scenario.steps ?? []).map((s) => s.result ?? {});
      const failedStep = results.find((r) => r.status === 'failed');
      const status: TestStatus = failedStep ? 'FAILED' : results.some((r) => r.status && r.status !== 'passed') ? 'SKIPPED' : 'SUCCEEDED';
      const nanos = results.reduce((sum, r) => sum + (r.duration ?? 0), 0);
      cases.push({ name: scenario.name ?? '(unnamed)', prefix: feature.name ?? feature.uri ?? '', status, durationMs: Math.round(nanos / 1e6), message: failedStep?.error_message, file: feature.uri });
    }
  }
  return cases;
}

/** TestNG's testng-results.xml (configuration methods are not tests). */
export function parseTestNG(text: string): TestCase[] {
  const root = parseXml(text);
  const cases: TestCase[] = [];
  for (const cls of descendants(root, 'class')) {
    for (const method of cls.children.filter((c) => c.name === 'test-method' && c.attrs['is-config'] !== 'true')) {
      const status: TestStatus = method.attrs.status === 'PASS' ? 'SUCCEEDED' : method.attrs.status === 'FAIL' ? 'FAILED' : method.attrs.status === 'SKIP' ? 'SKIPPED' : 'UNKNOWN';
      const exception = descendants(method, 'message')[0];
      cases.push({ name: method.attrs.name ?? '(unnamed)', prefix: cls.attrs.name ?? '', status, durationMs: method.attrs['duration-ms'] ? Number(method.attrs['duration-ms']) : undefined, message: exception?.text.trim() || undefined });
    }
  }
  return cases;
}

/** NUnit 2 (`test-results`) and NUnit 3 (`test-run`) results. */
export function parseNUnit(text: string): TestCase[] {
  const root = parseXml(text);
  return descendants(root, 'test-case').map((tc) => {
    const result = (tc.attrs.result ?? '').toLowerCase();
    let status: TestStatus = 'UNKNOWN';
    if (result === 'passed' || result === 'success') status = 'SUCCEEDED';
    else if (result === 'failed' || result === 'failure') status = 'FAILED';
    else if (result === 'error') status = 'ERROR';
    else if (['skipped', 'ignored', 'notrunnable', 'inconclusive'].includes(result) || tc.attrs.executed === 'False') status = 'SKIPPED';
    const fullname = tc.attrs.fullname ?? tc.attrs.name ?? '';
    const name = tc.attrs.name ?? fullname;
    const prefix = tc.attrs.classname ?? (fullname.endsWith(`.${name}`) ? fullname.slice(0, -name.length - 1) : '');
    const failure = child(tc, 'failure');
    return { name, prefix, status, durationMs: seconds(tc.attrs.duration ?? tc.attrs.time), message: failure ? messageOf(child(failure, 'message')) : undefined };
  });
}

/** Visual Studio TRX. */
export function parseTrx(text: string): TestCase[] {
  const root = parseXml(text);
  const classes = new Map<string, string>();
  for (const def of descendants(root, 'UnitTest')) {
    const method = child(def, 'TestMethod');
    if (def.attrs.id && method) classes.set(def.attrs.id, method.attrs.className ?? '');
  }
  return descendants(root, 'UnitTestResult').map((r) => {
    const outcome = (r.attrs.outcome ?? '').toLowerCase();
    const status: TestStatus = outcome === 'passed' ? 'SUCCEEDED' : outcome === 'failed' ? 'FAILED' : outcome === 'error' || outcome === 'timeout' || outcome === 'aborted' ? 'ERROR' : outcome ? 'SKIPPED' : 'UNKNOWN';
    const duration = /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(r.attrs.duration ?? '');
    const message = descendants(r, 'Message')[0]?.text.trim();
    return {
      name: r.attrs.testName ?? '(unnamed)',
      prefix: classes.get(r.attrs.testId ?? '') ?? '',
      status,
      durationMs: duration ? Math.round((Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3])) * 1000) : undefined,
      message: message || undefined,
    };
  });
}
