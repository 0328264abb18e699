import { pollOnce, watch, watchedSources } from '../../pipelines/watch';
import { runUntilRest } from '../../pipelines';
import { parse } from '../args';
import { EXIT, UsageError, printJson, type CliCommand, type CliContext } from '../context';

export const watchCommand: CliCommand = {
  name: 'watch',
  summary: 'start pipelines whose LocalGit source branch moves (sources outside the hosted repositories)',
  usage: 'slipway watch [--interval MS] [--once] [--json]',
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values } = parse(argv, { interval: { type: 'string' }, once: { type: 'boolean' }, json: { type: 'boolean' } }, 'watch');
    const intervalMs = values.interval === undefined ? 1000 : Number(values.interval);
    if (!Number.isFinite(intervalMs) || intervalMs < 100) throw new UsageError('--interval must be a number of milliseconds, at least 100');
    const state = ctx.store();
    if (values.once) {
      const started = await pollOnce(state);
      for (const e of started) await runUntilRest(state, e.pipelineName, e.executionId);
      if (values.json) printJson(ctx, { started: started.map((e) => ({ pipelineName: e.pipelineName, executionId: e.executionId })) });
      return EXIT.ok;
    }
    const sources = watchedSources(state);
    ctx.io.stderr(`watching ${sources.length} branch${sources.length === 1 ? '' : 'es'}: ${sources.map((s) => `${s.repository}@${s.branch} → ${s.pipeline}`).join(', ') || 'none yet (pipelines with a LocalGit source)'}\n`);
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await watch(state, { intervalMs, signal: controller.signal, onStart: (e) => ctx.io.stderr(`started ${e.pipelineName} execution ${e.executionId}\n`) });
    return EXIT.ok;
  },
};
