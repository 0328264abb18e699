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
  run: (job) => runGitSource(job, repoPath(job.store, job.configuration.RepositoryName), job.configuration.BranchName, job.configuration.RepositoryName),
});
