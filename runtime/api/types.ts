// The operation layer's contract: each AWS service Slipway serves is a table of operations
// over the engines, in the request and response shapes of the AWS API reference. The CLI's
// `--json`, the extension and the HTTP endpoint (`slipway serve`) are thin layers over it.
// A service folder (`runtime/api/<service>/`) exports one `ServiceDefinition`; the endpoint
// only decodes the wire protocol, authenticates, and calls `operations[name](input, ctx)`.
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { StateStore } from '../common/state';

/** The wire protocol a service speaks, as named by the Smithy protocol traits of its model. */
export type AwsProtocol = 'awsQuery' | 'awsJson1_0' | 'awsJson1_1' | 'restXml';

/** Who is calling, and where: what every operation needs besides its input. */
export interface CallContext {
  store: StateStore;
  /** The Slipway user the request's access key belongs to (repository grants apply to it). */
  user: string;
  accountId: string;
  region: string;
  requestId: string;
  /** Base URL of the endpoint that received the request (for `cloneUrlHttp`, S3 URLs), no trailing slash. */
  endpoint?: string;
}

/**
 * One operation: input as the protocol decoded it (JSON body, or query parameters rebuilt
 * into the model's structure), output in the AWS response shape (the protocol encodes it).
 */
export type Operation<I = any, O = unknown> = (input: I, ctx: CallContext) => Promise<O>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ServiceDefinition {
  /** The SigV4 signing name in the credential scope: 'cloudformation', 'codebuild', 's3', … */
  signingName: string;
  protocol: AwsProtocol;
  /** JSON protocols: the `X-Amz-Target` prefix before the dot, e.g. 'CodeBuild_20161006'. */
  targetPrefix?: string;
  /** awsQuery: the API version (`Version=`) and the XML namespace of responses. */
  version?: string;
  xmlNamespace?: string;
  operations: Record<string, Operation>;
  /** restXml: which operation an HTTP request is, and its input (S3 routes by method, path and query). */
  route?(request: RestRequest): { operation: string; input: unknown };
  /** Maps an engine's error (not found, bad input) to this service's documented error; undefined: not one it knows. */
  errorOf?(error: unknown): AwsError | undefined;
}

/** restXml: the request as received (path-style S3: `/bucket/key`, path decoded). */
export interface RestRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** restXml: what an operation answers; the endpoint writes status, headers and body as they are. */
export interface RestResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: Buffer | string | Readable;
}

export const REST = Symbol('slipway.restResponse');

/** Marks an operation's output as a raw HTTP response (restXml) rather than a shape to encode. */
export function restResponse(response: RestResponse): RestResponse & { [REST]: true } {
  return Object.assign(response, { [REST]: true as const });
}


export function isRestResponse(value: unknown): value is RestResponse {
  return !!value && typeof value === 'object' && REST in value;
}

/**
 * An error in AWS's terms: the code the SDKs surface as `error.name` (`ValidationError`,
 * `ResourceNotFoundException`, …), its message, and the HTTP status the service documents.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Sender (the client's fault) or Receiver (ours): awsQuery's `<Type>`. */
    readonly fault: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
    /** Extra fields of the error body some services document (S3's `<Key>`, `<BucketName>`). */
    readonly details: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}
