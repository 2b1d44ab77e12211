/**
 * `hetsim simulate <scenario>`: runs one scenario of any registered system. The scenario file's
 * `system:` key picks the descriptor; `--mode`, the system's own flags (overrides of scenario keys)
 * and `--trace` are checked against that descriptor. Library errors are HetsimErrors: exit 2.
 */
import type { Argv, CommandModule } from 'yargs';
import { HetsimError } from '../../errors.js';
import { writeFileAtomicSync } from '../../report/atomic-write.js';
import { comparePairs, formatRatio, type Delta } from '../../sweep/compare.js';
import { okLine } from '../../sweep/config-hash.js';
import { getSystem, SYSTEMS } from '../../systems/registry.js';
import { looksLikeScenarioSet, readScenarioSource } from '../../systems/scenario-file.js';
import type { AnySystem, LoadedScenario, RunOptions, SystemResult } from '../../systems/system.js';
import { declaredFlags, errorAgainstFlag, systemArgs } from '../system-flags.js';
import { writeTrace } from '../trace-file.js';

interface SimulateArgs {
  scenario: string;
  mode?: string;
  json?: boolean;
  compare?: boolean;
  trace?: string;
  'trace-detail'?: string;
  [flag: string]: unknown;
}

/**
 * Every mode of the system on the same scenario, each against the scenario's own mode (the
 * reference) with `hetsim compare`'s per-metric deltas. The threshold is 0 here: `regressed` means
 * worse than the reference on that metric.
 */
export interface ModeComparison {
  system: string;
  reference: string;
  results: SystemResult[];
  /** versus[mode][metric]: base = the reference's value, candidate = the mode's. */
  versus: Record<string, Record<string, Delta>>;
}

/** `first` goes with the first run only: output flags (the requests used) are the same for every mode. */
async function compareModes(system: AnySystem, s: LoadedScenario, first: RunOptions): Promise<ModeComparison> {
  const own = (s.config as { mode?: unknown }).mode;
  const reference = typeof own === 'string' && system.modes.includes(own) ? own : system.modes[0];
  const results: SystemResult[] = [];
  for (const [i, mode] of system.modes.entries()) results.push(await system.run(s, i === 0 ? { ...first, mode } : { mode }));
  const ref = okLine(results.find((r) => r.mode === reference)!);
  const gates = system.metrics.map((m) => ({ name: m.name, better: m.better, threshold: 0 }));
  const versus: ModeComparison['versus'] = {};
  for (const r of results) {
    if (r.mode === reference) continue;
    versus[r.mode] = comparePairs([{ base: ref, candidate: okLine(r) }], gates, { base: reference, candidate: r.mode, threshold: 0 }).pairs[0].deltas;
  }
  return { system: system.id, reference, results, versus };
}

/** Metric rows × mode columns of candidate/reference ratios. */
function versusTable(system: AnySystem, cmp: ModeComparison): string {
  const modes = Object.keys(cmp.versus);
  const rows = [[`vs ${cmp.reference} (mode ÷ reference)`, ...modes]];
  for (const m of system.metrics) rows.push([`${m.name} ${m.better === 'higher' ? '↑' : '↓'}`, ...modes.map((x) => (cmp.versus[x][m.name] ? formatRatio(cmp.versus[x][m.name].ratio) : '—'))]);
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return `${rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ')).join('\n')}\n`;
}

export function simulateCommand(setExit: (c: number) => void): CommandModule<object, SimulateArgs> {
  return {
    command: 'simulate <scenario>',
    describe: `run a scenario of any system (${SYSTEMS.map((s) => s.id).join(', ')}); its system: key picks the simulator`,
    builder: (y: Argv) => {
      let b = y
        .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario YAML or id under models/scenarios/ (e.g. neupims-gpt3-7b)' })
        .option('mode', { type: 'string', describe: `one of the system's modes (default: the scenario's): ${SYSTEMS.map((s) => `${s.id}: ${s.modes.join(', ')}`).join('; ')}` })
        .option('json', { type: 'boolean', describe: 'print the result as JSON: {system, mode, …detail, config, metrics, version}' })
        .option('compare', { type: 'boolean', describe: "run every mode of the system on the same scenario; each mode's metrics against the scenario's own mode (as hetsim compare)" })
        .option('trace', { type: 'string', describe: `write a Perfetto/Chrome trace (JSON) of the run (${SYSTEMS.filter((s) => s.traceDetails).map((s) => s.id).join(', ')})` })
        .option('trace-detail', {
          type: 'string',
          describe: `trace content, with --trace: ${SYSTEMS.filter((s) => s.traceDetails).map((s) => `${s.id}: ${s.traceDetails!.join(', ')} (default ${s.traceDetails![0]})`).join('; ')}`,
        });
      for (const f of declaredFlags()) b = b.option(f.name, { type: f.boolean ? 'boolean' : 'string', describe: `${f.describe} [${f.systems.join(', ')}]` });
      return b
        .conflicts('compare', 'mode')
        .conflicts('compare', 'trace')
        .example('$0 simulate neupims-gpt3-7b --json', 'GPT3-7B TP4, batch 512, trace clb-0')
        .example('$0 simulate neupims-gpt3-7b --mode npu-only', 'the NPU-only baseline on the same requests') as unknown as Argv<SimulateArgs>;
    },
    handler: async (a) => {
      const src = await readScenarioSource(a.scenario);
      if (looksLikeScenarioSet(src.raw)) {
        throw new HetsimError('config_invalid', `${src.path} is a scenario set (a title and a list of runs), not a scenario; run it with: hetsim report --scenarios ${src.path}`, 'scenario');
      }
      const system = getSystem(src.raw.system, `${src.path}: system`);
      if (a.mode !== undefined && !system.modes.includes(a.mode)) {
        throw new HetsimError('config_invalid', `system ${system.id} has no mode '${a.mode}'; its modes: ${system.modes.join(', ')}`, '--mode');
      }
      if (a.trace !== undefined && !system.traceDetails) throw new HetsimError('config_invalid', `system ${system.id} records no trace`, '--trace');
      if (a['trace-detail'] !== undefined) {
        if (a.trace === undefined) throw new HetsimError('config_invalid', 'chooses what --trace FILE records; give --trace too', '--trace-detail');
        if (!system.traceDetails!.includes(a['trace-detail'])) throw new HetsimError('config_invalid', `expected one of ${system.traceDetails!.join(', ')}, got '${a['trace-detail']}'`, '--trace-detail');
      }
      const { overrides, outputs } = systemArgs(system, a);
      const sink = { trace: (t: Parameters<typeof writeTrace>[1]) => writeTrace(a.trace!, t), file: writeFileAtomicSync };
      try {
        const s = await system.load(src.path!, overrides);
        if (a.compare) {
          const cmp = await compareModes(system, s, { outputs, sink });
          if (a.json) process.stdout.write(`${JSON.stringify(cmp, null, 2)}\n`);
          else {
            for (const r of cmp.results) process.stdout.write(system.text(r));
            process.stdout.write(versusTable(system, cmp));
          }
        } else {
          const result = await system.run(s, { mode: a.mode, trace: a.trace !== undefined, traceDetail: a['trace-detail'], outputs, sink });
          process.stdout.write(a.json ? `${JSON.stringify(result, null, 2)}\n` : system.text(result));
        }
      } catch (e) {
        throw errorAgainstFlag(system, e, overrides);
      }
      setExit(0);
    },
  };
}

/** The command module with a no-op exit setter, for apps that wire modules directly. */
export const simulateCommandModule = simulateCommand(() => {});
