import type * as http from 'node:http';
import { randomUUID } from 'node:crypto';
import { recordEndpoint } from '../common/endpoint-record';
import { AwsExceptionError, InputError, NotFoundError, awsJsonErrorBody } from '../common/errors';
import { guardedServer, originTarget } from '../common/http-server';
import { LOCAL_ACCOUNT } from '../common/ids';
import type { StateStore } from '../common/state';
import { GIT_PATH, gitRequestHandler, type ServeOptions } from '../repos/http';
import { verifyGitCredential } from './codecommit/git-credentials';
import { signingSecret } from './access-keys';
import { decodeQueryForm, queryError, queryResponse } from './protocols/query';
import { xmlDocument } from './protocols/xml';
import { SERVICES } from './registry';
import { AuthError, decodeQuery, isSigV4, parseAuthorization, verifySignature, type AuthFailure } from './sigv4';
import { AwsError, isRestResponse, type CallContext, type ServiceDefinition } from './types';

export interface EndpointOptions {
  /** The git smart-HTTP side (anonymous read, its own body bound). */
  git?: ServeOptions;
  log?: (line: string) => void;
  /** Bodies of AWS API requests above this are refused (413); S3 object uploads have their own bound. */
  maxBodyBytes?: number;
  maxObjectBytes?: number;
  services?: ServiceDefinition[];
}

export const MAX_API_BODY_BYTES = 16 * 1024 ** 2;
/** One PutObject or UploadPart (the CLI and SDKs upload larger files in parts). */
export const MAX_OBJECT_BODY_BYTES = 512 * 1024 ** 2;

/** Operations that only read: everything else is written to the activity log with the caller. */
const READ_ONLY = /^(Describe|Get|List|Head|Validate|BatchGet|Estimate|Detect|Evaluate)/;

/** The AWS error codes of a refused signature, per protocol family (as each service documents them). */
const AUTH_CODES: Record<'json' | 'query' | 'rest', Record<AuthFailure, [string, number]>> = {
  json: {
    missing: ['MissingAuthenticationTokenException', 403],
    incomplete: ['IncompleteSignatureException', 400],
    'unknown-key': ['UnrecognizedClientException', 400],
    'bad-signature': ['InvalidSignatureException', 400],
    expired: ['InvalidSignatureException', 400],
    'payload-mismatch': ['InvalidSignatureException', 400],
  },
  query: {
    missing: ['MissingAuthenticationToken', 403],
    incomplete: ['IncompleteSignature', 400],
    'unknown-key': ['InvalidClientTokenId', 403],
    'bad-signature': ['SignatureDoesNotMatch', 403],
    expired: ['RequestExpired', 400],
    'payload-mismatch': ['SignatureDoesNotMatch', 403],
  },
  rest: {
    missing: ['AccessDenied', 403],
    incomplete: ['AuthorizationHeaderMalformed', 400],
    'unknown-key': ['InvalidAccessKeyId', 403],
    'bad-signature': ['SignatureDoesNotMatch', 403],
    expired: ['RequestTimeTooSkewed', 403],
    'payload-mismatch': ['XAmzContentSHA256Mismatch', 400],
  },
};

type Family = keyof typeof AUTH_CODES;

function familyOf(service: ServiceDefinition | undefined, fallback: Family): Family {
  if (!service) return fallback;
  return service.protocol === 'awsQuery' ? 'query' : service.protocol === 'restXml' ? 'rest' : 'json';
}

/**
 * Timestamps as awsJson writes them: epoch seconds (XML writes Date objects itself). A
 * replacer, so the answer is serialised in one pass; `this[key]` is the value before
 * Date's toJSON turned it into text.
 */
function jsonTimestamps(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  return raw instanceof Date ? raw.getTime() / 1000 : value;
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.pause();
        reject(new BodyTooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * `slipway serve`: the AWS APIs (SigV4-signed, told apart by `X-Amz-Target`, the credential
 * scope and the path) beside git's smart HTTP for the hosted repositories (unsigned or Basic
 * requests to `/NAME.git/…`). One error boundary around every request.
 */
export function createEndpoint(store: StateStore, options: EndpointOptions = {}): http.Server {
  const git = gitRequestHandler(store, {
    ...options.git,
    log: options.git?.log ?? options.log,
    verifyCredential: (user, password, request) => verifyGitCredential(user, password, request, (id) => signingSecret(store, id)),
  });
  const services = options.services ?? SERVICES;
  const byTarget = new Map(services.filter((s) => s.targetPrefix).map((s) => [s.targetPrefix!, s]));
  const bySigningName = new Map(services.map((s) => [s.signingName, s]));
  const byVersion = new Map(services.filter((s) => s.version).map((s) => [s.version!, s]));

  const server = guardedServer(async (req, res) => {
    const target = originTarget(req.url);
    const requestId = randomUUID();
    if (!target) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      return void res.end('Bad request target: expected an origin-form path such as /NAME.git/info/refs or /\n');
    }
    const amzTarget = typeof req.headers['x-amz-target'] === 'string' ? req.headers['x-amz-target'] : undefined;
    const signed = isSigV4(req.headers) || /(^|&)X-Amz-Algorithm=/.test(target.rawQuery);
    if (!signed && !amzTarget && GIT_PATH.test(target.rawPath)) return git(req, res);

    const credential = parseAuthorization(typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined);
    const contentType = String(req.headers['content-type'] ?? '');
    const isForm = contentType.startsWith('application/x-www-form-urlencoded');
    let service: ServiceDefinition | undefined;
    if (amzTarget) service = byTarget.get(amzTarget.slice(0, amzTarget.lastIndexOf('.')));
    else if (credential) service = bySigningName.get(credential.service);
    const fallback: Family = amzTarget ? 'json' : isForm ? 'query' : 'rest';

    const send = (status: number, body: string | Buffer, headers: Record<string, string>) => {
      const idHeaders: Record<string, string> = service?.protocol === 'restXml' || (!service && fallback === 'rest') ? { 'x-amz-request-id': requestId, 'x-amz-id-2': requestId } : { 'x-amzn-requestid': requestId };
      res.writeHead(status, { ...idHeaders, 'content-length': String(Buffer.byteLength(body)), ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const sendError = (error: AwsError, family: Family, svc = service) => {
      if (family === 'json') {
        return send(error.status, JSON.stringify(awsJsonErrorBody(error.code, error.message)), { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': error.code });
      }
      if (family === 'query') {
        return send(error.status, queryError(error.code, error.message, error.fault, requestId, svc?.xmlNamespace), { 'content-type': 'text/xml' });
      }
      return send(error.status, xmlDocument('Error', { Code: error.code, Message: error.message, ...error.details, RequestId: requestId }), { 'content-type': 'application/xml' });
    };

    let body: Buffer;
    try {
      body = await readBody(req, service?.protocol === 'restXml' || (!service && fallback === 'rest') ? (options.maxObjectBytes ?? MAX_OBJECT_BODY_BYTES) : (options.maxBodyBytes ?? MAX_API_BODY_BYTES));
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      res.setHeader('connection', 'close');
      sendError(new AwsError(fallback === 'rest' ? 'EntityTooLarge' : 'RequestEntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 413), familyOf(service, fallback));
      res.on('finish', () => req.destroy());
      return;
    }

    let formParams: Record<string, string | string[]> | undefined;
    if (!service && !amzTarget && (isForm || target.rawQuery.includes('Action='))) {
      formParams = { ...decodeQuery(target.rawQuery), ...(isForm ? decodeQuery(body.toString('utf8'), true) : {}) };
      const version = formParams.Version;
      service = byVersion.get(Array.isArray(version) ? version[0] : (version ?? ''));
    }
    if (!service && !amzTarget && !credential) service = bySigningName.get('s3');
    const family = familyOf(service, fallback);

    let user: string;
    let region = LOCAL_ACCOUNT.region;
    try {
      const verified = await verifySignature(store, { method: req.method ?? 'GET', rawPath: target.rawPath, rawQuery: target.rawQuery, headers: req.headers, body });
      user = verified.user;
      region = verified.credential.region;
      if (service && verified.credential.service !== service.signingName) {
        throw new AuthError('bad-signature', `Credential should be scoped to correct service: '${service.signingName}'.`);
      }
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      const [code, status] = AUTH_CODES[family][error.reason];
      return sendError(new AwsError(code, error.message, status), family);
    }
    if (!service) {
      const name = amzTarget ?? credential?.service ?? 'unknown';
      return sendError(new AwsError('NotImplemented', `Slipway does not serve the AWS service of ${name}`, 501), family);
    }

    // Decode the operation name and input per protocol.
    let operation: string;
    let input: unknown;
    try {
      if (service.protocol === 'awsJson1_0' || service.protocol === 'awsJson1_1') {
        operation = amzTarget ? amzTarget.slice(amzTarget.lastIndexOf('.') + 1) : '';
        try {
          input = body.length ? JSON.parse(body.toString('utf8')) : {};
        } catch {
          throw new AwsError('SerializationException', 'The request body is not valid JSON');
        }
        if (!input || typeof input !== 'object' || Array.isArray(input)) throw new AwsError('SerializationException', 'The request body must be a JSON object');
      } else if (service.protocol === 'awsQuery') {
        formParams ??= { ...decodeQuery(target.rawQuery), ...(isForm ? decodeQuery(body.toString('utf8'), true) : {}) };
        const decoded = decodeQueryForm(formParams);
        if (!decoded.action) throw new AwsError('MissingAction', 'The request must contain the parameter Action');
        operation = decoded.action;
        input = decoded.input;
      } else {
        const routed = service.route!({ method: req.method ?? 'GET', path: target.path, query: decodeQuery(target.rawQuery), headers: req.headers, body });
        operation = routed.operation;
        input = routed.input;
      }
    } catch (error) {
      return sendError(asAwsError(error, service, family, options.log), family);
    }

    const handler = Object.hasOwn(service.operations, operation) ? service.operations[operation] : undefined;
    if (!handler) return sendError(new AwsError('NotImplemented', `Slipway does not implement ${service.signingName}:${operation || '(no operation named)'}`, 501), family);
    const ctx: CallContext = { store, user, accountId: LOCAL_ACCOUNT.accountId, region, requestId, endpoint: `http://${req.headers.host ?? '127.0.0.1'}` };
    let output: unknown;
    try {
      output = await handler(input, ctx);
    } catch (error) {
      const aws = asAwsError(error, service, family, options.log);
      if (!READ_ONLY.test(operation)) store.activity({ service: service.signingName, action: operation, user, via: 'api', result: 'failed', reason: aws.code });
      return sendError(aws, family);
    }
    if (!READ_ONLY.test(operation)) store.activity({ service: service.signingName, action: operation, user, via: 'api', result: 'allowed' });

    if (service.protocol === 'awsJson1_0' || service.protocol === 'awsJson1_1') {
      return send(200, JSON.stringify(output ?? {}, jsonTimestamps), { 'content-type': `application/x-amz-json-${service.protocol === 'awsJson1_0' ? '1.0' : '1.1'}` });
    }
    if (service.protocol === 'awsQuery') return send(200, queryResponse(operation, output, requestId, service.xmlNamespace), { 'content-type': 'text/xml' });
    if (!isRestResponse(output)) return send(200, '', {});
    const headers: Record<string, string> = { 'x-amz-request-id': requestId, 'x-amz-id-2': requestId, ...output.headers };
    const payload = output.body;
    if (payload === undefined || typeof payload === 'string' || Buffer.isBuffer(payload)) {
      const bytes = payload === undefined ? Buffer.alloc(0) : Buffer.from(payload);
      res.writeHead(output.status ?? 200, { 'content-length': headers['content-length'] ?? String(bytes.length), ...headers });
      return void res.end(req.method === 'HEAD' ? undefined : bytes);
    }
    res.writeHead(output.status ?? 200, headers);
    payload.on('error', () => res.destroy());
    payload.pipe(res);
  }, options.log);
  // Builds beside it find it there (env git-credential-helper).
  recordEndpoint(store, server);
  return server;
}

const VALIDATION_CODE: Record<Family, string> = { json: 'ValidationException', query: 'ValidationError', rest: 'InvalidArgument' };

/** An operation's failure in the service's terms: its own mapping first, then bad input, then an internal failure. */
function asAwsError(error: unknown, service: ServiceDefinition, family: Family, log?: (line: string) => void): AwsError {
  if (error instanceof AwsError) return error;
  const mapped = service.errorOf?.(error);
  if (mapped) return mapped;
  if (error instanceof InputError) return new AwsError(error instanceof AwsExceptionError ? error.code : VALIDATION_CODE[family], error.message);
  if (error instanceof NotFoundError && error.code) return new AwsError(error.code, error.message);
  log?.(`${service.signingName}: ${(error as Error)?.stack ?? String(error)}`);
  return new AwsError(family === 'rest' ? 'InternalError' : 'InternalFailure', (error as Error)?.message ?? String(error), 500);
}
