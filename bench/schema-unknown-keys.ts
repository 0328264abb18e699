// Schema checks on a buildspec with thousands of unknown top-level keys (issue 13: a 304 KB
// buildspec of 32k unknown keys took 93 s; the walk asked the map for each known key of each
// unknown one). Prints the time per size, which should grow about linearly; asserts nothing.
// Run: node --import tsx bench/schema-unknown-keys.ts
import '../runtime/checks';
import { validateText } from '../runtime/validate';

for (const count of [4000, 8000, 16000, 32000]) {
  const lines = ['version: 0.2', 'phases:', '  build:', '    commands:', '      - echo hi'];
  for (let i = 0; i < count; i++) lines.push(`k${i}: v`);
  const text = `${lines.join('\n')}\n`;
  const started = performance.now();
  const { diagnostics } = validateText('buildspec.yml', text);
  const elapsed = performance.now() - started;
  console.log(`${count} unknown keys (${Math.round(text.length / 1024)} KB): ${Math.round(elapsed)} ms, ${diagnostics.length} findings, ${(elapsed / count).toFixed(3)} ms per key`);
}
