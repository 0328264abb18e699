import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { uuid } from '../../common/ids';
import { groupOf, killGroup, spawnGroup } from '../../common/process';
import { registerProvider, type ProviderContext, type ProviderResult, type ResourceProvider } from '../provider';
import { generatedName } from './names';

interface CustomResourceResponse {
  Status?: string;
  Reason?: string;
  PhysicalResourceId?: string;
  Data?: Record<string, unknown>;
}

/** The handler a ServiceToken names: a script or executable, relative to the template's folder. */
function handlerPath(properties: Record<string, unknown>, ctx: ProviderContext): string {
  const token = properties.ServiceToken;
  if (typeof token !== 'string' || !token) throw new Error('a custom resource needs a ServiceToken');
  if (token.startsWith('arn:')) {
    throw new Error(`ServiceToken ${token} is an AWS ARN; locally a ServiceToken names a handler script (a path relative to the template, e.g. ./handlers/resource.js)`);
  }
  const file = path.resolve(ctx.templateDir, token.replace(/^file:\/\//, ''));
  if (!fs.existsSync(file)) throw new Error(`ServiceToken ${token}: no handler at ${file}`);
  return file;
}

function interpreter(file: string): [string, string[]] {
  if (/\.[cm]?js$/.test(file)) return [process.execPath, [file]];
  if (/\.py$/.test(file)) return ['python3', [file]];
  if (/\.sh$/.test(file)) return ['/bin/sh', [file]];
  return [file, []];
}

/**
 * Sends one custom-resource request to the local handler and waits for its answer:
 * the handler PUTs the response to ResponseURL (as cfn-response does), or prints it
 * as JSON on stdout before exiting. The request arrives on stdin as JSON.
 */
async function invoke(request: Record<string, unknown>, properties: Record<string, unknown>, ctx: ProviderContext): Promise<CustomResourceResponse> {
  const file = handlerPath(properties, ctx);
  let response: CustomResourceResponse | undefined;
  let responded: () => void = () => {};
  const gotResponse = new Promise<void>((resolve) => (responded = resolve));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        response = JSON.parse(Buffer.concat(chunks).toString('utf8')) as CustomResourceResponse;
        res.writeHead(200).end();
        responded();
      } catch {
        res.writeHead(400).end('the response must be JSON');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const body = { ...request, ResponseURL: `http://127.0.0.1:${port}/response/${request.RequestId as string}` };
  try {
    const [command, args] = interpreter(file);
    const child = spawnGroup(command, args, { cwd: path.dirname(file), stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, SLIPWAY_STACK_NAME: ctx.stackName } });
    ctx.onProcess?.(groupOf(child));
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-2000)));
    child.stdin!.end(JSON.stringify(body));
    const exited = new Promise<number>((resolve, reject) => {
      child.on('error', (error) => reject(new Error(`cannot run the custom resource handler ${file}: ${error.message}`)));
      child.on('close', (code) => resolve(code ?? 1));
    });
    const first = await Promise.race([gotResponse.then(() => 'response' as const), exited.then(() => 'exit' as const)]);
    if (first === 'response') {
      killGroup(child); // the handler's work is done once it has answered
    } else {
      const code = await exited;
      if (!response) response = lastJsonObject(stdout);
      if (!response) throw new Error(`the custom resource handler ${path.basename(file)} exited with code ${code} without sending a response${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`);
    }
    return response!;
  } finally {
    ctx.onProcess?.(undefined);
    server.close();
  }
}

function lastJsonObject(text: string): CustomResourceResponse | undefined {
  for (const line of text.trim().split('\n').reverse()) {
    try {
      const value = JSON.parse(line) as unknown;
      if (value && typeof value === 'object' && 'Status' in value) return value as CustomResourceResponse;
    } catch {
      // not the response line
    }
  }
  return undefined;
}

function request(type: 'Create' | 'Update' | 'Delete', properties: Record<string, unknown>, ctx: ProviderContext, extra: Record<string, unknown> = {}) {
  return {
    RequestType: type,
    ServiceToken: properties.ServiceToken,
    StackId: ctx.stackId,
    RequestId: uuid(),
    ResourceType: ctx.resourceType,
    LogicalResourceId: ctx.logicalId,
    ResourceProperties: properties,
    ...extra,
  };
}

function outcome(response: CustomResourceResponse, fallbackId: string): ProviderResult {
  if (response.Status !== 'SUCCESS') {
    throw new Error(`Received response status [${response.Status ?? 'none'}] from custom resource. Message returned: ${response.Reason ?? '(no reason)'}`);
  }
  return { physicalId: response.PhysicalResourceId || fallbackId, attributes: response.Data ?? {} };
}

/**
 * `Custom::*` and `AWS::CloudFormation::CustomResource`: CloudFormation's custom
 * resource protocol against a local handler. An Update answered with a new
 * PhysicalResourceId replaces the resource (the old one gets a Delete at cleanup).
 */
function customProvider(type: string): ResourceProvider {
  return {
    type,
    async create(properties, ctx) {
      return outcome(await invoke(request('Create', properties, ctx), properties, ctx), generatedName(ctx.stackName, ctx.logicalId));
    },
    async update(physicalId, properties, old, ctx) {
      const response = await invoke(request('Update', properties, ctx, { PhysicalResourceId: physicalId, OldResourceProperties: old }), properties, ctx);
      return outcome(response, physicalId);
    },
    async delete(physicalId, properties, ctx) {
      outcome(await invoke(request('Delete', properties, ctx, { PhysicalResourceId: physicalId }), properties, ctx), physicalId);
    },
  };
}

registerProvider(customProvider('Custom::*'));
registerProvider(customProvider('AWS::CloudFormation::CustomResource'));
