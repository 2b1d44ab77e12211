// Holmes simulation speed: simulated training iterations per second of wall time, measured in one
// run, on the shipped 64-GPU GPT-7.5B hybrid and on a 1,024-GPU setup, plus how the cost grows with
// GPUs and micro-batches (GPT-7.5B TP1 × PP2 on equal RoCE + IB halves). `npm run build` first.
//   node bench/holmes.mjs [--grid [--plot FILE.svg]]   (--grid: the GPUs × micro-batches table as JSON;
//   --plot: that table as a log-log chart, docs/img/holmes-bench-scaling.svg)
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { holmesSystem, loadHolmes } = await import(join(root, 'dist/systems/holmes/descriptor.js'));

const hybrid = (nodes, model, parallelism, training) => ({
  system: 'holmes',
  model,
  clusters: [
    { name: 'roce', preset: 'a100-roce-100', nodes: nodes / 2 },
    { name: 'ib', preset: 'a100-ib-hdr', nodes: nodes / 2 },
  ],
  nic_order: ['ib', 'roce'],
  parallelism,
  training,
});

async function measure(ref, minMs = 400) {
  const s = await loadHolmes(ref);
  let r = await holmesSystem.run(s); // warm-up
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs || n < 2) {
    r = await holmesSystem.run(s);
    n++;
  }
  const ms = (performance.now() - t0) / n;
  return { gpus: r.gpus, micro_batches: r.micro_batches, events: r.sim.events, ms_per_iteration: +ms.toFixed(2), iterations_per_s: +(1000 / ms).toFixed(1), simulated_iteration_s: +r.iteration_s.toFixed(3) };
}

const small = await measure('holmes-gpt7.5b-4roce-4ib');
const big = await measure(hybrid(128, 'megatron-gpt-39.1b', { tp: 8, pp: 2, sequence_parallel: true }, { global_batch: 1536, micro_batch: 4 }));
console.log(`64 GPUs   (GPT-7.5B TP1xPP2, 4 RoCE + 4 IB, ${small.micro_batches} micro-batches): ${small.iterations_per_s} simulated iterations / wall s (${small.events} events)`);
console.log(`1024 GPUs (GPT-39.1B TP8xPP2, 64 RoCE + 64 IB, ${big.micro_batches} micro-batches): ${big.iterations_per_s} simulated iterations / wall s (${big.events} events)`);
console.log(`ratio 64 / 1024 GPUs: ${(small.iterations_per_s / big.iterations_per_s).toFixed(2)}x`);

if (process.argv.includes('--grid')) {
  const grid = [];
  for (const nodes of [8, 16, 32, 64, 128]) {
    for (const m of [4, 16, 64]) {
      const dp = (nodes * 8) / 2;
      grid.push(await measure(hybrid(nodes, 'megatron-gpt-7.5b', { tp: 1, pp: 2 }, { global_batch: dp * 4 * m, micro_batch: 4 }), 150));
    }
  }
  console.log(JSON.stringify(grid));
  const at = process.argv.indexOf('--plot');
  if (at > 0) {
    const { renderBarChartSvg } = await import(join(root, 'dist/report/bar-chart.js'));
    const { writeFileSync } = await import('node:fs');
    const gpus = [...new Set(grid.map((g) => g.gpus))];
    const svg = renderBarChartSvg({
      title: 'Holmes simulation cost: wall ms per simulated iteration (log-log: GPUs doubling per category)',
      yLabel: 'wall ms / iteration (log)',
      categories: gpus.map((g) => `${g} GPUs`),
      groups: [4, 16, 64].map((m) => ({ label: `${m} micro-batches`, values: gpus.map((g) => grid.find((x) => x.gpus === g && x.micro_batches === m).ms_per_iteration) })),
      logY: true,
    });
    writeFileSync(process.argv[at + 1], svg);
  }
}
