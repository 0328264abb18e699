import * as fs from 'node:fs';
import { InputError } from '../../common/errors';
import { checkName, isValidName } from '../../common/names';
import type { StateStore } from '../../common/state';
import type { ExecutionRecord, PipelineRecord } from './records';

export interface LogLine {
  time: string;
  stage?: string;
  action?: string;
  line: string;
}

/**
 * Pipelines and their executions under `<state home>/pipelines/<name>/`: `pipeline.json`,
 * `executions/<seq>--<id>.json` and `logs/<id>.jsonl`. Every change is a read-modify-write
 * under a per-record lock, so any process (CLI, extension, a push hook's worker) can
 * drive an execution from what is on disk.
 */
export class PipelineStore {
  constructor(readonly state: StateStore) {}

  names(): string[] {
    return this.state.list('pipelines').filter((name) => isValidName('pipeline', name) && fs.existsSync(this.state.path('pipelines', name, 'pipeline.json')));
  }

  get(name: string): PipelineRecord | undefined {
    return this.state.read<PipelineRecord>('pipelines', checkName('pipeline', name), 'pipeline.json');
  }

  require(name: string): PipelineRecord {
    const record = this.get(name);
    if (!record) throw new InputError(`no pipeline named "${name}" (slipway pipeline list shows them)`);
    return record;
  }

  save(record: PipelineRecord): void {
    this.state.write(record, 'pipelines', checkName('pipeline', record.name), 'pipeline.json');
  }

  /** Read-modify-write of the pipeline record under its lock. */
  update(name: string, change: (record: PipelineRecord) => void): PipelineRecord {
    return this.state.withLockSync(`pipeline-${name}`, () => {
      const record = this.require(name);
      change(record);
      this.save(record);
      return record;
    });
  }

  remove(name: string): void {
    this.state.remove('pipelines', checkName('pipeline', name));
  }

  private executionFiles(name: string): string[] {
    return this.state.list('pipelines', checkName('pipeline', name), 'executions').filter((f) => f.endsWith('.json'));
  }

  /** Executions oldest first. */
  executions(name: string): ExecutionRecord[] {
    const result: ExecutionRecord[] = [];
    for (const file of this.executionFiles(name)) {
      const record = this.state.read<ExecutionRecord>('pipelines', name, 'executions', file);
      if (record) result.push(record);
    }
    return result;
  }

  private fileOf(name: string, executionId: string): string | undefined {
    return this.executionFiles(name).find((f) => f.endsWith(`--${executionId}.json`));
  }

  execution(name: string, executionId: string): ExecutionRecord | undefined {
    const file = this.fileOf(name, executionId);
    return file ? this.state.read<ExecutionRecord>('pipelines', name, 'executions', file) : undefined;
  }

  requireExecution(name: string, executionId: string): ExecutionRecord {
    const record = this.execution(name, executionId);
    if (!record) throw new InputError(`pipeline "${name}" has no execution "${executionId}"`);
    return record;
  }

  /** Stores a new execution; the file name's sequence number orders executions across processes. */
  addExecution(record: ExecutionRecord): void {
    this.state.withLockSync(`pipeline-${record.pipelineName}-sequence`, () => {
      const last = this.executionFiles(record.pipelineName).at(-1);
      const sequence = last ? Number(last.split('--')[0]) + 1 : 1;
      this.state.write(record, 'pipelines', record.pipelineName, 'executions', `${String(sequence).padStart(8, '0')}--${record.executionId}.json`);
    });
  }

  /** Read-modify-write of one execution under its lock; returns the stored result. */
  updateExecution(name: string, executionId: string, change: (record: ExecutionRecord) => void): ExecutionRecord {
    return this.state.withLockSync(`pipeline-${name}-execution-${executionId}`, () => {
      const file = this.fileOf(name, executionId);
      const record = file ? this.state.read<ExecutionRecord>('pipelines', name, 'executions', file) : undefined;
      if (!file || !record) throw new Error(`pipeline "${name}" has no execution "${executionId}"`);
      change(record);
      record.lastUpdateTime = new Date().toISOString();
      this.state.write(record, 'pipelines', name, 'executions', file);
      return record;
    });
  }

  appendLog(name: string, executionId: string, entry: Omit<LogLine, 'time'>): void {
    this.state.append({ time: new Date().toISOString(), ...entry }, 'pipelines', name, 'logs', `${executionId}.jsonl`);
  }

  logs(name: string, executionId: string): LogLine[] {
    return this.state.readLines<LogLine>('pipelines', name, 'logs', `${executionId}.jsonl`);
  }
}
