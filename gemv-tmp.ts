import { attendOps, estimateMhaCycles, logitOps } from './src/hw/pim/attention-ops.js';
import { runGemv } from './src/hw/pim/run-gemv.js';
const rows = { kvBaseRow: 1000, scratchRow: 10 };
for (const L of [32, 128, 512, 2048]) {
  const s = { seqLen: L, embTp: 1024, dHead: 128, headsTp: 8 };
  const d = runGemv({ mode: 'dual', ops: [...logitOps(s, rows), ...attendOps(s, rows)] });
  const n = runGemv({ mode: 'single', ops: [...logitOps(s, rows), ...attendOps(s, rows)] });
  console.log(L, 'est', estimateMhaCycles(s), 'dual', d.pimCycles, 'newton', n.pimCycles, JSON.stringify(d.commands));
}
