import { checkHostedConfig } from '../../common/git-safety';
import { repoPath } from '../../common/hosted-repo';
import { registerActionProvider } from './provider';
import { runGitSource } from './git-source';

/** Source/AWS/CodeCommit over a hosted repository; the output artifact is the commit's tree. */
registerActionProvider({
  category: 'Source',
  owner: 'AWS',
  provider: 'CodeCommit',
  required: ['RepositoryName', 'BranchName'],
  allowed: ['RepositoryName', 'BranchName', 'PollForSourceChanges', 'OutputArtifactFormat'],
  run: (job) => {
    const gitDir = repoPath(job.store, job.configuration.RepositoryName);
    checkHostedConfig(gitDir);
    return runGitSource(job, gitDir, job.configuration.BranchName, job.configuration.RepositoryName);
  },
});
