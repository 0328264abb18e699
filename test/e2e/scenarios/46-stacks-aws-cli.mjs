// A stack made with the AWS CLI shows in the Stacks view (issue 18): Slipway: Start AWS
// Endpoint serves the APIs from this window (the status-bar item shows its URL), a key
// from `slipway user access-key create` signs `aws cloudformation create-stack` of the
// example's template (Stage=prod), the Stacks view lists the stack CREATE_COMPLETE with its
// resources, `slipway stack describe` reads the same stack id, and Slipway: Stop AWS Endpoint removes the status-bar item and closes the port.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commands } from '../lib/commands.mjs';

/** Debian's AWS CLI v2 (the unit layer's test client too). */
const AWS = '/usr/bin/aws';
const STACK = 'hello-prod';

export default async function stacksFromAwsCli(wb, { env, run, repo }) {
  if (!fs.existsSync(AWS)) throw new Error(`${AWS} is missing: apt-get install awscli`);
  const { page } = wb;
  const { cli } = commands({ repo, cwd: wb.workspace, env });
  // The e2e settings give the endpoint a free port (slipway.endpoint.port 0): the item tells which.
  const item = page.locator('.part.statusbar .statusbar-item', { hasText: 'http://127.0.0.1:' });
  let running = false;
  let failure;
  try {
    // The Slipway container is there once the extension is active (in a run of this scenario alone too).
    await wb.openSlipway();
    await wb.runCommand('Slipway: Start AWS Endpoint');
    await item.first().waitFor({ timeout: 30000 });
    running = true;
    const url = (await item.first().textContent()).match(/http:\/\/127\.0\.0\.1:\d+/)?.[0];
    if (!url) throw new Error(`the status-bar item shows no URL: ${await item.first().textContent()}`);
    wb.log(`endpoint at ${url}`);

    const { AccessKey } = JSON.parse(cli('user', 'access-key', 'create', 'e2e', '--json'));
    const config = path.join(run, 'aws-config');
    fs.writeFileSync(config, '[default]\nregion = us-east-1\noutput = json\ns3 =\n    addressing_style = path\n');
    const awsEnv = {
      PATH: env.PATH,
      HOME: env.HOME,
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: path.join(run, 'no-aws-credentials'),
      AWS_ACCESS_KEY_ID: AccessKey.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: AccessKey.SecretAccessKey,
      AWS_PAGER: '',
    };
    const aws = (...args) => {
      try {
        return JSON.parse(execFileSync(AWS, ['--endpoint-url', url, ...args], { cwd: wb.workspace, env: awsEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) || '{}');
      } catch (error) {
        throw new Error(`aws ${args.slice(0, 2).join(' ')} failed (exit ${error.status}): ${String(error.stderr).trim().split('\n').slice(-3).join(' ')}`);
      }
    };
    const { StackId } = aws('cloudformation', 'create-stack', '--stack-name', STACK, '--template-body', 'file://template.yaml', '--parameters', 'ParameterKey=Stage,ParameterValue=prod');
    if (!/^arn:aws:cloudformation:us-east-1:\d{12}:stack\/hello-prod\//.test(StackId ?? '')) throw new Error(`create-stack answered StackId ${StackId}`);

    await wb.expandView('Stacks');
    const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Stacks' }) }).first();
    const row = pane.locator('.monaco-list-row', { hasText: STACK });
    await row.filter({ hasText: 'CREATE_COMPLETE' }).first().waitFor({ timeout: 120000 });
    await wb.clickUntil(row.first(), pane.locator('.monaco-list-row', { hasText: 'Resources' }).first());
    await pane.locator('.monaco-list-row', { hasText: 'Resources' }).first().click();
    await pane.locator('.monaco-list-row', { hasText: 'AWS::CodeDeploy::Application' }).first().waitFor({ timeout: 30000 });
    await wb.screenshot('stacks-view-from-aws-cli');

    // The CLI reads the stack the API made (each `aws` call costs seconds of Python start-up: one is enough).
    const [local] = JSON.parse(cli('stack', 'describe', STACK, '--json')).Stacks;
    if (local.StackId !== StackId || local.StackStatus !== 'CREATE_COMPLETE') throw new Error(`slipway stack describe: ${local.StackId} ${local.StackStatus}, the API made ${StackId}`);

    await wb.runCommand('Slipway: Stop AWS Endpoint');
    await item.first().waitFor({ state: 'detached', timeout: 30000 });
    running = false;
    // Stopped means the port no longer answers.
    const answered = await fetch(url).then(() => true, () => false);
    if (answered) throw new Error(`${url} still answers after Stop AWS Endpoint`);
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    await page.keyboard.press('Escape');
    // A failure before the stop leaves no endpoint running for the next scenario.
    if (running) await wb.runCommand('Slipway: Stop AWS Endpoint').catch((error) => wb.log(`cleanup: ${error.message.split('\n')[0]}`));
    try {
      if (fs.existsSync(path.join(wb.workspace, '.slipway', 'stacks', STACK, 'stack.json'))) cli('stack', 'delete', STACK);
    } catch (error) {
      if (!failure) throw error;
      wb.log(`cleanup after the failure: ${error.message.split('\n')[0]}`);
    } finally {
      // The template's bucket has DeletionPolicy Retain: the pipeline scenario's stack must find names free.
      fs.rmSync(path.join(wb.workspace, '.slipway', 's3', 'hello-service-prod-releases'), { recursive: true, force: true });
    }
  }
}
