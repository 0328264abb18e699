import * as path from 'node:path';
import { checkHostedConfig } from '../../common/git-safety';
import { registerActionProvider } from './provider';
import { runGitSource } from './git-source';

/** The bare repository of a hosted repository: `<state home>/repos/<NAME>.git`. */
export function hostedRepositoryPath(stateHome: string, name: string): string {
  return path.join(stateHome, 'repos', `${name}.git`);
}

/** Source/AWS/CodeCommit over a hosted repository; the output artifact is the commit's tree. */
registerActionProvider({
  category: 'Source',
  owner: 'AWS',
  provider: 'CodeCommit',
  required: ['RepositoryName', 'BranchName'],
  allowed: ['RepositoryName', 'BranchName', 'PollForSourceChanges', 'OutputArtifactFormat'],
  run: (job) => {
    const gitDir = hostedRepositoryPath(job.store.home, job.configuration.RepositoryName);
    checkHostedConfig(gitDir);
    return runGitSource(job, gitDir, job.configuration.BranchName, job.configuration.RepositoryName);
  },
});
