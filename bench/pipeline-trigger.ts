// From `git push` to the execution's start: a hosted-style bare repository whose
// post-receive hook runs `slipway pipeline push-event` (dist/cli.js; run `npm run build`
// first). Prints milliseconds from the push command starting to the execution record.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
if (!fs.existsSync(cli)) throw new Error('run npm run build first (dist/cli.js)');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-trigger-'));
const home = path.join(dir, 'home');
const env = { ...process.env, SLIPWAY_HOME: home, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@x' };
const sh = (cmd: string, cwd = dir) => {
  const r = spawnSync('/bin/sh', ['-c', cmd], { cwd, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr}`);
  return r.stdout;
};
try {
  const bare = path.join(home, 'repos', 'app.git');
  sh(`git init -q -b main work && cd work && echo a > a.txt && git add . && git commit -qm one && git clone -q --bare . ${bare}`);
  fs.writeFileSync(
    path.join(bare, 'hooks', 'post-receive'),
    `#!/bin/sh\nwhile read old new ref; do "${process.execPath}" "${cli}" pipeline push-event --repository app --ref "$ref" --commit "$new"; done\n`,
    { mode: 0o755 },
  );
  fs.writeFileSync(
    path.join(dir, 'p.json'),
    JSON.stringify({
      name: 'bench',
      stages: [
        { name: 'Source', actions: [{ name: 'S', actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeCommit', version: '1' }, configuration: { RepositoryName: 'app', BranchName: 'main' }, outputArtifacts: [{ name: 'O' }] }] },
        { name: 'Run', actions: [{ name: 'R', actionTypeId: { category: 'Invoke', owner: 'Custom', provider: 'Command', version: '1' }, configuration: { Command: 'true' }, inputArtifacts: [{ name: 'O' }] }] },
      ],
    }),
  );
  sh(`"${process.execPath}" "${cli}" pipeline create --definition p.json --no-start`);
  sh(`git remote add origin ${bare}`, path.join(dir, 'work'));
  const figures: number[] = [];
  for (let i = 0; i < 5; i++) {
    sh(`echo ${i} > a.txt && git commit -qam c${i}`, path.join(dir, 'work'));
    const executions = path.join(home, 'pipelines', 'bench', 'executions');
    const before = fs.existsSync(executions) ? fs.readdirSync(executions).length : 0;
    const t = Date.now();
    sh('git push -q origin main', path.join(dir, 'work'));
    // The hook has run by the time push returns; the record's startTime says when the execution began.
    const files = fs.readdirSync(executions).sort();
    if (files.length !== before + 1) throw new Error('the push started no execution');
    const record = JSON.parse(fs.readFileSync(path.join(executions, files.at(-1)!), 'utf8'));
    figures.push(Date.parse(record.startTime) - t);
  }
  figures.sort((a, b) => a - b);
  console.log(`git push → execution started: median ${figures[2]} ms, max ${figures[4]} ms (5 pushes)`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
