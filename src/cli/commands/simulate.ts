/**
 * `hetsim simulate <scenario>`: cycle-level NeuPIMs simulation (NPU + HBM-PIM) of a batched decode
 * step, or one of its baselines (--mode). The scenario is a YAML path or an id under
 * models/scenarios/. Library errors are HetsimErrors; the app prints them and exits 2.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { HetsimError } from '../../errors.js';
import { writeFileAtomicSync } from '../../report/atomic-write.js';
import { loadRequests } from '../../systems/neupims/load-requests.js';
import { compareModes } from '../../systems/neupims/mode-comparison.js';
import type { NeupimsResult } from '../../systems/neupims/neupims-result.js';
import { formatRequestCsv } from '../../systems/neupims/request-trace.js';
import { loadScenario, MODES, type Mode } from '../../systems/neupims/scenario.js';
import { simulateNeupims } from '../../systems/neupims/simulate-neupims.js';
import type { TraceDetail } from '../../systems/neupims/run-step.js';
import type { ChromeTrace } from '../../sim/index.js';

interface SimulateArgs {
  scenario: string;
  mode?: Mode;
  requests?: string;
  batch?: number;
  layers?: number;
  'steady-state-layers'?: number;
  steps?: number;
  json?: boolean;
  trace?: string;
  'trace-detail'?: TraceDetail;
  compare?: boolean;
  placement?: 'auto' | 'trace' | 'clb' | 'rr';
  'write-requests'?: string;
}

function text(r: NeupimsResult): string {
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const stages = Object.entries(r.stage_cycles)
    .map(([k, v]) => `${k} ${Math.round(v ?? 0)}`)
    .join('  ');
  const cmds = Object.entries(r.dram_commands)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k} ${v}`)
    .join('  ');
  return [
    `${r.system} ${r.mode}: ${r.model} TP${r.tp} PP${r.pp}, batch ${r.batch}, ${r.layers} layers (${r.simulated_layers} simulated)`,
    `stage cycles   ${stages || '-'}`,
    `layer cycles   ${Math.round(r.layer_cycles)}`,
    `step           ${Math.round(r.step_cycles)} cycles = ${(r.step_seconds * 1e3).toFixed(3)} ms, ${Math.round(r.tokens_per_s)} tokens/s`,
    `utilization    NPU ${pct(r.utilization.npu)}  PIM ${pct(r.utilization.pim)}  DRAM bandwidth ${pct(r.utilization.dram_bandwidth)}`,
    `DRAM commands  ${cmds || '-'}`,
    `channel imbalance (max/mean)  estimated ${r.channel_imbalance.estimated.toFixed(3)}  measured ${r.channel_imbalance.measured.toFixed(3)}`,
    `simulated ${r.sim.events} events`,
    '',
  ].join('\n');
}

function positiveInt(v: unknown, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new HetsimError('config_invalid', `expected a non-negative integer, got ${String(v)}`, flag);
  return n;
}

/**
 * Streams the events out (a layer's worth of spans can exceed V8's maximum string length) into a
 * temporary file beside `path`, renamed into place only when complete: never a half-written trace.
 */
function writeTrace(path: string, t: ChromeTrace): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  let ok = false;
  try {
    writeSync(fd, '{"displayTimeUnit":"ns","traceEvents":[\n');
    const ev = t.traceEvents;
    for (let i = 0; i < ev.length; i += 10_000) {
      const part = ev.slice(i, i + 10_000).map((e) => JSON.stringify(e)).join(',\n');
      writeSync(fd, (i > 0 ? ',\n' : '') + part);
    }
    writeSync(fd, '\n]}\n');
    ok = true;
  } finally {
    closeSync(fd);
    if (ok) renameSync(tmp, path);
    else rmSync(tmp, { force: true });
  }
}

export function simulateCommand(setExit: (c: number) => void): CommandModule<object, SimulateArgs> {
  return {
    command: 'simulate <scenario>',
    describe: 'cycle-level NeuPIMs (NPU + HBM-PIM) decode step, or a baseline with --mode',
    builder: (y: Argv) =>
      y
        .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario YAML or id under models/scenarios/ (e.g. neupims-gpt3-7b)' })
        .option('mode', { type: 'string', choices: MODES, describe: 'system to simulate (default: the scenario\'s mode)' })
        .option('requests', { type: 'string', describe: 'request snapshot CSV (seq_len,ch_idx), overrides the scenario' })
        .option('batch', { type: 'number', describe: 'live requests (default: the scenario\'s batch)' })
        .option('layers', { type: 'number', describe: 'decoder layers in the step (default: all of the device\'s share)' })
        .option('steady-state-layers', { type: 'number', describe: 'layers simulated cycle by cycle before extrapolating (0 = all)' })
        .option('steps', { type: 'number', describe: 'decode steps; contexts grow by one token per step' })
        .option('json', { type: 'boolean', describe: 'print the result as JSON' })
        .option('trace', { type: 'string', describe: 'write a Perfetto/Chrome trace (JSON) of the simulated stages' })
        .option('trace-detail', {
          type: 'string',
          choices: ['system', 'gemv', 'commands'],
          default: 'gemv',
          describe: 'trace content: NPU ops, stages and MHA phases (system), + per-channel GEMVs (gemv), + every DRAM command (commands: use --layers 1 and a small --batch)',
        })
        .option('placement', { type: 'string', choices: ['auto', 'trace', 'clb', 'rr'], describe: 'channel placement (default: the scenario\'s; auto = trace for neupims, rr for npu-pim-naive)' })
        .option('compare', { type: 'boolean', describe: 'run all four modes and print the speedups of neupims' })
        .option('write-requests', { type: 'string', describe: 'write the requests used (e.g. a generated snapshot) as CSV' })
        .conflicts('compare', 'mode')
        .example('$0 simulate neupims-gpt3-7b --json', 'GPT3-7B TP4, batch 512, trace clb-0')
        .example('$0 simulate neupims-gpt3-7b --mode npu-only', 'the NPU-only baseline on the same requests') as unknown as Argv<SimulateArgs>,
    handler: async (a) => {
      const sc = await loadScenario(a.scenario);
      const batch = positiveInt(a.batch, '--batch');
      const layers = positiveInt(a.layers, '--layers');
      const ss = positiveInt(a['steady-state-layers'], '--steady-state-layers');
      const steps = positiveInt(a.steps, '--steps');
      if (batch !== undefined) sc.batch = batch;
      if (layers !== undefined) sc.layers = layers;
      if (ss !== undefined) sc.steady_state_layers = ss;
      if (steps !== undefined) sc.steps = steps;
      if (a.placement !== undefined) sc.placement = a.placement;
      const reqs = loadRequests(sc, a.requests);
      if (a['write-requests']) writeFileAtomicSync(a['write-requests'], formatRequestCsv(reqs.slice(0, sc.batch)));
      if (a.compare) {
        const cmp = compareModes(sc, reqs);
        if (a.json) process.stdout.write(`${JSON.stringify(cmp, null, 2)}\n`);
        else {
          for (const r of cmp.results) process.stdout.write(text(r));
          const s = cmp.speedup;
          process.stdout.write(`neupims speedup: ×${s['npu-only'].toFixed(2)} vs npu-only, ×${s['npu-pim-naive'].toFixed(2)} vs npu-pim-naive, ×${s.gpu.toFixed(2)} vs gpu\n`);
        }
        setExit(0);
        return;
      }
      const { result, trace } = simulateNeupims(sc, reqs, { mode: a.mode, trace: a.trace !== undefined, traceDetail: a['trace-detail'] });
      if (a.trace !== undefined) {
        if (!trace) throw new HetsimError('config_invalid', `mode ${result.mode} has no cycle-level trace`, '--trace');
        writeTrace(a.trace, trace);
      }
      process.stdout.write(a.json ? `${JSON.stringify(result, null, 2)}\n` : text(result));
      setExit(0);
    },
  };
}

/** The command module with a no-op exit setter, for apps that wire modules directly. */
export const simulateCommandModule = simulateCommand(() => {});
