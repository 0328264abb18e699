import * as path from 'node:path';
import { registerActionProvider } from './provider';
import { GIT_SOURCE_VARIABLES, runGitSource } from './git-source';

/**
 * Source/Custom/LocalGit: a branch of a git repository on this machine (the
 * workspace's own, typically), for sources outside the hosted repositories;
 * `slipway watch` starts the pipeline when the branch moves.
 */
registerActionProvider({
  category: 'Source',
  owner: 'Custom',
  provider: 'LocalGit',
  description: 'Takes the head of a branch of a git repository on this machine (RepositoryPath, relative to the declaration).',
  required: ['RepositoryPath', 'BranchName'],
  optional: [],
  variables: GIT_SOURCE_VARIABLES,
  // A source action: no inputs; AWS's bounds for custom actions cap the outputs at 5.
  artifacts: { inputs: [0, 0], outputs: [1, 5] },
  run: (job) => {
    const repository = path.resolve(job.baseDir, job.configuration.RepositoryPath);
    return runGitSource(job, repository, job.configuration.BranchName, path.basename(repository));
  },
});
