// Handing a 100 MB artifact between actions: ingest (hash + move into the store) and
// materialize (hard-link into the next action's folder). Prints milliseconds.
import '../runtime/plugins';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StateStore } from '../runtime/common/state';
import { ArtifactStore } from '../runtime/pipelines/engine/artifacts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-artifacts-'));
try {
  const store = new ArtifactStore(new StateStore(path.join(dir, 'home')));
  const shapes = [
    { label: '1 file of 100 MB', files: 1, size: 100 << 20 },
    { label: '1000 files of 100 KB', files: 1000, size: 100 << 10 },
  ];
  for (const shape of shapes) {
    const out = path.join(dir, `out-${shape.files}`);
    fs.mkdirSync(out);
    for (let i = 0; i < shape.files; i++) {
      const buffer = Buffer.alloc(shape.size, i % 251);
      buffer.writeUInt32LE(i, 0);
      fs.mkdirSync(path.join(out, `d${i % 10}`), { recursive: true });
      fs.writeFileSync(path.join(out, `d${i % 10}`, `f${i}.bin`), buffer);
    }
    let t = process.hrtime.bigint();
    const id = store.ingest(out);
    const ingestMs = Number(process.hrtime.bigint() - t) / 1e6;
    const handovers: number[] = [];
    for (let run = 0; run < 5; run++) {
      t = process.hrtime.bigint();
      store.materialize(id, path.join(dir, `in-${shape.files}-${run}`));
      handovers.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    handovers.sort((a, b) => a - b);
    console.log(`${shape.label}: ingest ${ingestMs.toFixed(1)} ms (hash + move), hand-over median ${handovers[2].toFixed(1)} ms, max ${handovers[4].toFixed(1)} ms`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
