import '../runtime/checks';
import { validateText } from '../runtime/validate';
import { largeTemplate } from './templates';
const big = largeTemplate(48);
for (let i = 0; i < 30; i++) validateText('big.yaml', big, 'template');
const runs: number[] = [];
for (let i = 0; i < 60; i++) { const c = process.cpuUsage(); validateText('big.yaml', big, 'template'); const u = process.cpuUsage(c); runs.push((u.user + u.system) / 1000); }
runs.sort((a, b) => a - b);
console.log('p50', runs[30].toFixed(1), 'min', runs[0].toFixed(1));
