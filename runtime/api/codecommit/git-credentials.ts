// The password the AWS CLI's CodeCommit credential helper gives git for HTTPS: a SigV4
// signature of the pseudo-request `GIT <repository path>` (service `codecommit`), as
// `<YYYYMMDDTHHMMSS>Z<hex signature>`, with the access key id as user name (plus `%<session
// token>` for temporary credentials). Checking it here lets `git push` over `slipway serve`
// authenticate with the same access keys the API takes.
// https://docs.aws.amazon.com/codecommit/latest/userguide/setting-up-https-unixes.html
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { getSigningKey } from '@smithy/signature-v4';
import { LOCAL_ACCOUNT } from '../../common/ids';

/** As for any SigV4 request: a signature older (or newer) than 15 minutes is refused. */
const MAX_SKEW_MS = 15 * 60 * 1000;

const PASSWORD = /^(\d{8}T\d{6})Z([0-9a-f]{64})$/;

export interface GitCredentialRequest {
  /** The Host header git sent (the helper signs the host name without the port). */
  host: string;
  /** The repository's path in the clone URL, e.g. `/app.git` (what git gives the helper with credential.useHttpPath). */
  repositoryPath: string;
}

export type SecretLookup = (accessKeyId: string) => { user: string; secret: string } | undefined;

/** Whether a Basic-auth user name looks like the credential helper's (an access key id, maybe with a session token). */
export function isGitCredentialUser(username: string): boolean {
  return /^(AKIA|ASIA)[A-Z2-7]{16}(%.+)?$/.test(username);
}

/**
 * The Slipway user the credential helper's password proves, or undefined. The signature
 * covers the repository path (git hands it to the helper with credential.UseHttpPath,
 * which the helper needs) in the local account's region or the one a
 * `git-codecommit.<region>.amazonaws.com` host names.
 */
export async function verifyGitCredential(username: string, password: string, request: GitCredentialRequest, lookup: SecretLookup, now = Date.now()): Promise<string | undefined> {
  if (!isGitCredentialUser(username)) return undefined;
  const match = PASSWORD.exec(password);
  if (!match) return undefined;
  const [, stamp, signature] = match;
  const time = Date.parse(`${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`);
  if (!Number.isFinite(time) || Math.abs(now - time) > MAX_SKEW_MS) return undefined;
  const key = lookup(username.split('%')[0]);
  if (!key) return undefined;
  const hostname = request.host.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  const regions = new Set([LOCAL_ACCOUNT.region]);
  const named = /git-codecommit(?:-fips)?\.([^.]+)\.amazonaws\.com$/.exec(hostname);
  if (named) regions.add(named[1]);
  const given = Buffer.from(signature, 'hex');
  for (const region of regions) {
    const signingKey = await getSigningKey(Hash.bind(null, 'sha256'), { accessKeyId: username.split('%')[0], secretAccessKey: key.secret }, stamp.slice(0, 8), region, 'codecommit');
    const canonical = `GIT\n${request.repositoryPath}\n\nhost:${hostname}\n\nhost\n`;
    const toSign = ['AWS4-HMAC-SHA256', stamp, `${stamp.slice(0, 8)}/${region}/codecommit/aws4_request`, createHash('sha256').update(canonical).digest('hex')].join('\n');
    const expected = createHmac('sha256', signingKey).update(toSign).digest();
    if (timingSafeEqual(expected, given)) return key.user;
  }
  return undefined;
}
