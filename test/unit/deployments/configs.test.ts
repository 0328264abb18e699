import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILT_IN_CONFIGS, HealthConstraintsError, healthRule, parseMinimumHealthy } from '../../../runtime/deployments/configs';
import type { DeploymentConfig } from '../../../runtime/deployments/records';

const builtIn = (name: string) => BUILT_IN_CONFIGS.find((c) => c.name === `CodeDeployDefault.${name}`)!;
const custom = (text: string): DeploymentConfig => ({ name: 'Custom', builtIn: false, minimumHealthyHosts: parseMinimumHealthy(text) });

test('OneAtATime: one at a time, stops at the first failure, a failure on the last instance still succeeds', () => {
  const rule = healthRule(builtIn('OneAtATime'), 4);
  assert.equal(rule.concurrency, 1);
  assert.equal(rule.mayContinue(1, 0), true);
  assert.equal(rule.mayContinue(1, 1), false);
  assert.equal(rule.succeeded(4, 0), true);
  assert.equal(rule.succeeded(3, 1), true, 'the last instance failed: still Succeeded');
  assert.equal(rule.succeeded(1, 1), false, 'stopped early: Failed');
  assert.equal(healthRule(builtIn('OneAtATime'), 1).succeeded(0, 1), false, 'a single failed instance fails');
});

test('HalfAtATime: at most half (rounded down) at a time, success when at least half (rounded up) succeeded', () => {
  const five = healthRule(builtIn('HalfAtATime'), 5);
  assert.equal(five.concurrency, 2);
  assert.equal(five.succeeded(3, 2), true);
  assert.equal(five.succeeded(2, 3), false);
  assert.equal(five.mayContinue(0, 2), true);
  assert.equal(five.mayContinue(0, 3), false, 'with 3 of 5 failed, 3 healthy can no longer be reached');
  assert.equal(healthRule(builtIn('HalfAtATime'), 1).concurrency, 1);
});

test('AllAtOnce: every instance at once, success when one succeeded', () => {
  const rule = healthRule(builtIn('AllAtOnce'), 10);
  assert.equal(rule.concurrency, 10);
  assert.equal(rule.succeeded(1, 9), true);
  assert.equal(rule.succeeded(0, 10), false);
});

test('custom configs follow the documented examples for nine instances', () => {
  const hosts = healthRule(custom('HOST_COUNT:6'), 9);
  assert.equal(hosts.concurrency, 3);
  assert.equal(hosts.succeeded(6, 3), true);
  assert.equal(hosts.succeeded(5, 3), false);
  assert.equal(hosts.mayContinue(3, 3), true);
  assert.equal(hosts.mayContinue(2, 4), false);
  const percent = healthRule(custom('FLEET_PERCENT:40'), 9);
  assert.equal(percent.concurrency, 5);
  assert.equal(percent.succeeded(4, 5), true);
  assert.equal(percent.succeeded(3, 5), false);
});

test('a minimum that leaves nothing to deploy to is HEALTH_CONSTRAINTS_INVALID; bad specs are refused', () => {
  assert.throws(() => healthRule(custom('HOST_COUNT:3'), 3), HealthConstraintsError);
  assert.throws(() => parseMinimumHealthy('HOST_COUNT'), /HOST_COUNT:N or FLEET_PERCENT:N/);
  assert.throws(() => parseMinimumHealthy('FLEET_PERCENT:100'), /0 to 99/);
});
