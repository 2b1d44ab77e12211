import { runGemv } from './src/hw/pim/run-gemv.js';
import type { PimOp } from './src/hw/pim/pim-op.js';
const ops: PimOp[] = [];
for (let t = 0; t < 16; t++) ops.push({ kind: 'gemv', row: 100 + t, numComps: 8, numReadres: 4 });
const opsG: PimOp[] = [{ kind: 'gwrite', bank: 0, row: 50 }, ...ops];
for (const mode of ['dual', 'single'] as const) {
  console.log(mode, 'pim only', JSON.stringify(runGemv({ mode, ops: opsG })));
  console.log(mode, 'normal only', JSON.stringify(runGemv({ mode, ops: [], background: { count: 4096 } })));
  console.log(mode, 'both', JSON.stringify(runGemv({ mode, ops: opsG, background: { count: 4096 } })));
}
