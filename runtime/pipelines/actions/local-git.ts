import * as path from 'node:path';
import { registerActionProvider } from './provider';
import { runGitSource } from './git-source';

/**
 * Source/Custom/LocalGit: a branch of a git repository on this machine (the
 * workspace's own, typically), for sources outside the hosted repositories;
 * `slipway watch` starts the pipeline when the branch moves.
 */
registerActionProvider({
  category: 'Source',
  owner: 'Custom',
  provider: 'LocalGit',
  required: ['RepositoryPath', 'BranchName'],
  allowed: ['RepositoryPath', 'BranchName'],
  run: (job) => {
    const repository = path.resolve(job.baseDir, job.configuration.RepositoryPath);
    return runGitSource(job, repository, job.configuration.BranchName, path.basename(repository));
  },
});
