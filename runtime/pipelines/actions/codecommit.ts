import { checkHostedConfig } from '../../common/git-safety';
import { logGitPull, repoPath } from '../../common/hosted-repo';
import { registerActionProvider } from './provider';
import { GIT_SOURCE_VARIABLES, runGitSource } from './git-source';

/** Source/AWS/CodeCommit over a hosted repository; the output artifact is the commit's tree. */
registerActionProvider({
  category: 'Source',
  owner: 'AWS',
  provider: 'CodeCommit',
  description: 'Takes the head of a CodeCommit branch (Slipway: a hosted repository of the local account).',
  required: ['RepositoryName', 'BranchName'],
  optional: ['PollForSourceChanges', 'OutputArtifactFormat'],
  variables: GIT_SOURCE_VARIABLES,
  artifacts: { inputs: [0, 0], outputs: [1, 1] },
  run: async (job) => {
    const gitDir = repoPath(job.store, job.configuration.RepositoryName);
    checkHostedConfig(gitDir);
    const outcome = await runGitSource(job, gitDir, job.configuration.BranchName, job.configuration.RepositoryName);
    if (outcome.status === 'Succeeded') logGitPull(job.store, { repository: job.configuration.RepositoryName, user: `codepipeline/${job.pipelineName}`, via: 'pipeline', commit: outcome.revision?.revisionId });
    return outcome;
  },
});
