// env: git-credential-helper: yes — CodeBuild configures git's credential helper so that git
// commands in the build reach CodeCommit as the build's service role (Build specification
// reference, env/git-credential-helper). Locally the hosted repositories are served over git's
// smart HTTP by the state home's endpoint (`slipway serve`): the build gets a token of its own
// for its role, valid while it runs, and a helper that hands it only to that endpoint.
// https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeNewFile } from '../common/contained';
import { liveEndpoint } from '../common/endpoint-record';
import { LOCAL_ACCOUNT } from '../common/ids';
import type { StateStore } from '../common/state';
import { createToken, revokeToken } from '../common/users';
import { quote } from './shell';
import type { LocalUser } from './users';

export interface BuildGitCredential {
  /** The git configuration, as GIT_CONFIG_* variables for the build's shells. */
  env: Record<string, string>;
  /** The Slipway user the build's git authenticates as (its service role). */
  identity: string;
  url: string;
  /** The token, for the build's secret masker. */
  token: string;
  revoke(): void;
}

const ROLE_NAME = /^[A-Za-z0-9._@+=,-]{1,64}$/;

/**
 * The build's identity: the role named by the project's serviceRole (its ARN's last segment),
 * else the role the CodeBuild console creates for a project, `codebuild-<project>-service-role`.
 */
export function buildServiceRole(project: string, serviceRole?: unknown): string {
  const named = typeof serviceRole === 'string' ? serviceRole.slice(serviceRole.lastIndexOf('/') + 1) : '';
  return ROLE_NAME.test(named) ? named : `codebuild-${project}-service-role`.slice(0, 64);
}

/**
 * Configures the helper for one build, or says in one line why it cannot. The token file is
 * in the build's own folder (0600, owned by the build's user); nothing touches ~/.gitconfig.
 */
export function configureGitCredentialHelper(
  store: StateStore,
  build: { project: string; serviceRole?: unknown; id: string; dir: string; expiresAt: Date; owner?: LocalUser; baseEnv: NodeJS.ProcessEnv },
): BuildGitCredential | string {
  const endpoint = liveEndpoint(store);
  if (!endpoint) {
    return `env.git-credential-helper: no credential helper configured: no Slipway endpoint serves ${store.home} (start one with slipway serve); hosted repositories are still reached by their path`;
  }
  const identity = buildServiceRole(build.project, build.serviceRole);
  const { id, token } = createToken(store, identity, `build ${build.id} (git-credential-helper)`, build.expiresAt);
  const dir = path.join(build.dir, 'git-credential');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'token');
  if (build.owner) fs.chownSync(dir, build.owner.uid, build.owner.gid);
  // Created afresh, never through a link, owned by the build's user from the start (the token is theirs to read).
  writeNewFile(file, token + '\n', 0o600, build.owner);
  const helper = `!f() { test "$1" = get || exit 0; printf 'username=%s\\npassword=%s\\n' ${quote(identity)} "$(cat ${quote(file)})"; }; f`;
  const pairs: Array<[string, string]> = [
    // An empty helper first: helpers configured before (the user's own) are not asked for this endpoint.
    [`credential.${endpoint.url}.helper`, ''],
    [`credential.${endpoint.url}.helper`, helper],
    // The CodeCommit clone URLs a buildspec written for AWS uses lead to the local endpoint.
    [`url.${endpoint.url}/.insteadOf`, `https://git-codecommit.${LOCAL_ACCOUNT.region}.amazonaws.com/v1/repos/`],
  ];
  const start = Number.parseInt(build.baseEnv.GIT_CONFIG_COUNT ?? '0', 10) || 0;
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(start + pairs.length) };
  pairs.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${start + i}`] = key;
    env[`GIT_CONFIG_VALUE_${start + i}`] = value;
  });
  return {
    env,
    identity,
    url: endpoint.url,
    token,
    revoke: () => {
      try {
        revokeToken(store, identity, id);
      } catch {
        // Already gone (revoked by hand); it expires anyway.
      }
    },
  };
}
