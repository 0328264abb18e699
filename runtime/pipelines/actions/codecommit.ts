import { checkHostedConfig } from '../../common/git-safety';
import { logGitPull, repoPath } from '../../common/hosted-repo';
import { registerActionProvider } from './provider';
import { runGitSource } from './git-source';

/** Source/AWS/CodeCommit over a hosted repository; the output artifact is the commit's tree. */
registerActionProvider({
  category: 'Source',
  owner: 'AWS',
  provider: 'CodeCommit',
  required: ['RepositoryName', 'BranchName'],
  allowed: ['RepositoryName', 'BranchName', 'PollForSourceChanges', 'OutputArtifactFormat'],
  run: async (job) => {
    const gitDir = repoPath(job.store, job.configuration.RepositoryName);
    checkHostedConfig(gitDir);
    const outcome = await runGitSource(job, gitDir, job.configuration.BranchName, job.configuration.RepositoryName);
    if (outcome.status === 'Succeeded') logGitPull(job.store, { repository: job.configuration.RepositoryName, user: `codepipeline/${job.pipelineName}`, via: 'pipeline', commit: outcome.revision?.revisionId });
    return outcome;
  },
});
