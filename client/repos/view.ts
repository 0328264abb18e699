import * as path from 'node:path';
import { listRepos } from '../../runtime/repos/repos';
import { describePullRequest, listPulls, type PullRequestDetail } from '../../runtime/repos/review';
import type { RepoInfo } from '../../runtime/repos/model';
import type { Ctx } from '../ctx';
import { ago, type Node } from '../common/node-tree';

const FILE_ICONS: Record<string, string> = { A: 'diff-added', D: 'diff-removed', M: 'diff-modified', R: 'diff-renamed' };

function prStatus(pr: PullRequestDetail): { icon: string; iconColor?: string } {
  if (pr.isMerged) return { icon: 'git-merge', iconColor: 'charts.purple' };
  if (pr.status === 'CLOSED') return { icon: 'git-pull-request-closed', iconColor: 'disabledForeground' };
  return { icon: 'git-pull-request', iconColor: pr.mergeable ? 'testing.iconPassed' : 'charts.blue' };
}

function approvalsText(pr: PullRequestDetail): string {
  if (pr.approvalRules.length === 0) return `${pr.approvals.length} approval${pr.approvals.length === 1 ? '' : 's'}`;
  return pr.approvalRules.map((r) => `${r.approvedBy.length}/${r.approvals}`).join(' ') + ' approved';
}

function prNode(ctx: Ctx, repo: RepoInfo, pr: PullRequestDetail): Node {
  return {
    id: `repo/${repo.name}/pr/${pr.id}`,
    label: `#${pr.id} ${pr.title}`,
    description: `${pr.isMerged ? 'MERGED' : pr.status} · ${pr.source} → ${pr.destination} · ${approvalsText(pr)}`,
    tooltip: `${pr.title}\n${pr.author}, ${ago(pr.createdAt)}\n${pr.approvalRules.map((r) => `${r.source}: ${r.approvedBy.length}/${r.approvals}${r.satisfied ? ' ✓' : ''}`).join('\n')}`,
    ...prStatus(pr),
    contextValue: `slipway.pullRequest.${pr.isMerged ? 'merged' : pr.status.toLowerCase()}`,
    data: { repository: repo.name, id: pr.id },
    command: { command: 'slipway.pr.open', title: 'Open Pull Request', arguments: [{ data: { repository: repo.name, id: pr.id } }] },
    children: async () => {
      const detail = await describePullRequest(ctx.store(), repo.name, pr.id);
      return (detail.files ?? []).map((file) => ({
        id: `repo/${repo.name}/pr/${pr.id}/file/${file.path}`,
        label: path.posix.basename(file.path),
        description: path.posix.dirname(file.path) === '.' ? '' : path.posix.dirname(file.path),
        tooltip: `${file.status} ${file.oldPath ? `${file.oldPath} → ` : ''}${file.path}`,
        icon: FILE_ICONS[file.status[0]] ?? 'file',
        contextValue: 'slipway.pullRequestFile',
        data: { repository: repo.name, id: pr.id, path: file.path },
        command: { command: 'slipway.pr.openFile', title: 'Open Diff', arguments: [{ data: { repository: repo.name, id: pr.id, path: file.path } }] },
      }));
    },
  };
}

/** Repositories view: hosted repositories → branches (protected marked) and pull requests → changed files. */
export async function loadRepositories(ctx: Ctx): Promise<Node[]> {
  const store = ctx.store();
  const repos = await listRepos(store);
  return repos.map((repo) => ({
    id: `repo/${repo.name}`,
    label: repo.name,
    // The description (often "imported from /tmp/…") goes to the tooltip: the row stays short at the default width.
    description: `${repo.pullRequests.open} open PR${repo.pullRequests.open === 1 ? '' : 's'}`,
    tooltip: `${repo.name}${repo.description ? `\n${repo.description}` : ''}\nclone: ${repo.cloneUrl}`,
    icon: 'repo',
    contextValue: 'slipway.repository',
    data: { repository: repo.name, cloneUrl: repo.cloneUrl },
    children: () => [
      {
        id: `repo/${repo.name}/branches`,
        label: 'Branches',
        description: String(repo.branches.length),
        icon: 'git-branch',
        expanded: true,
        children: () =>
          repo.branches.map((b) => ({
            id: `repo/${repo.name}/branch/${b.name}`,
            label: b.name,
            description: `${b.commit.slice(0, 8)}${b.protected ? ' · protected' : ''}${b.name === repo.defaultBranch ? ' · default' : ''}`,
            icon: b.protected ? 'lock' : 'git-branch',
            contextValue: 'slipway.branch',
            data: { repository: repo.name, branch: b.name },
          })),
      },
      {
        id: `repo/${repo.name}/pulls`,
        label: 'Pull Requests',
        description: `${repo.pullRequests.open} open`,
        icon: 'git-pull-request',
        expanded: true,
        contextValue: 'slipway.pullRequests',
        data: { repository: repo.name },
        children: async () => (await listPulls(store, repo.name)).reverse().map((pr) => prNode(ctx, repo, pr)),
      },
    ],
  }));
}
