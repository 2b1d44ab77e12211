/**
 * `hetsim compare BASE CANDIDATE`: two result sets (sweep folders, results.jsonl files or single
 * result JSON files) matched by config hash, or `hetsim compare SCENARIO --mode a --mode b`. Prints
 * the per-config deltas, geomeans and worst regressions; exit 1 when a gated metric regresses past
 * its threshold (a CI gate), 2 for bad input. The logic is src/sweep/compare.ts; this file renders.
 */
import type { Argv, CommandModule } from 'yargs';
import { HetsimError } from '../../errors.js';
import { canonicalJson, okLine } from '../../sweep/config-hash.js';
import {
  compareResultSets, comparePairs, formatChange, formatRatio, formatThreshold, parseMetricRequest, parseThreshold, resolveGates,
  type Comparison, type CompareOptions, type MetricGate, type PairResult,
} from '../../sweep/compare.js';
import { readResultSet } from '../../sweep/read-results.js';
import { getSystem, SYSTEMS } from '../../systems/registry.js';
import { looksLikeScenarioSet, readScenarioSource } from '../../systems/scenario-file.js';

interface CompareArgs {
  base: string;
  candidate?: string;
  mode?: string | string[];
  metric?: string | string[];
  threshold: string;
  format: 'table' | 'markdown' | 'json';
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function compareCommand(setExit: (c: number) => void): CommandModule<object, CompareArgs> {
  return {
    command: 'compare <base> [candidate]',
    describe: 'compare two result sets (sweep folders, results.jsonl, result JSON) or two modes of a scenario; exit 1 on a regression',
    builder: (y: Argv) =>
      y
        .positional('base', { type: 'string', demandOption: true, describe: 'sweep folder (DIR/results.jsonl), results .jsonl file, result .json file (simulate/roofline --json), or a scenario with --mode twice' })
        .positional('candidate', { type: 'string', describe: 'the same kinds as BASE; matched to it by config hash' })
        .option('mode', { type: 'string', describe: 'with a scenario as BASE, twice: the base mode, then the candidate mode' })
        .option('metric', { type: 'string', describe: "gate only these metrics (repeatable): NAME, NAME:higher|lower, NAME:higher|lower:5% (default: every metric of the results' systems, directions from `hetsim systems`)" })
        .option('threshold', { type: 'string', default: '2%', describe: 'largest tolerated change for the worse, as 2% or 0.02' })
        .option('format', { choices: ['table', 'markdown', 'json'] as const, default: 'table' as const, describe: 'table (terminal), markdown (for $GITHUB_STEP_SUMMARY), json (docs/compare.md)' })
        .example('$0 compare base/ head/', 'two sweep folders (hetsim sweep SPEC -o DIR), every metric at 2%')
        .example('$0 compare base/ head/ --metric tokens_per_s:higher:5% --format markdown', 'one metric at 5%, for a CI summary')
        .example('$0 compare scenario.yaml --mode ideal --mode calibrated', 'two modes of one scenario')
        .epilog('exit 0: no gated metric regressed past its threshold; 1: one did; 2: bad input') as unknown as Argv<CompareArgs>,
    handler: async (a) => {
      const threshold = parseThreshold(a.threshold);
      const opts: CompareOptions = { threshold, metrics: list(a.metric).map(parseMetricRequest), metricsOf: (id) => SYSTEMS.find((s) => s.id === id)?.metrics };
      const modes = list(a.mode);
      let cmp: Comparison;
      if (modes.length > 0) {
        if (modes.length !== 2 || a.candidate !== undefined) {
          throw new HetsimError('config_invalid', `compares two modes of one scenario: hetsim compare SCENARIO --mode BASE_MODE --mode CANDIDATE_MODE (got ${a.candidate !== undefined ? 'a CANDIDATE too' : `${modes.length} mode(s)`})`, '--mode');
        }
        cmp = await compareScenarioModes(a.base, modes[0], modes[1], opts);
      } else {
        if (a.candidate === undefined) throw new HetsimError('config_invalid', 'give BASE and CANDIDATE (sweep folders, results .jsonl or result .json files), or SCENARIO --mode A --mode B', 'compare');
        cmp = compareResultSets(readResultSet(a.base), readResultSet(a.candidate), opts);
      }
      const render = a.format === 'json' ? (c: Comparison) => `${JSON.stringify(c, null, 2)}\n` : a.format === 'markdown' ? renderMarkdown : renderTable;
      process.stdout.write(render(cmp));
      setExit(cmp.regressed ? 1 : 0);
    },
  };
}

/** Both modes of one scenario, as one pair (mode a = base, mode b = candidate). */
async function compareScenarioModes(ref: string, baseMode: string, candidateMode: string, opts: CompareOptions): Promise<Comparison> {
  const src = await readScenarioSource(ref);
  if (looksLikeScenarioSet(src.raw)) throw new HetsimError('config_invalid', `${src.path} is a scenario set, not a scenario; compare one scenario's modes, or sweep outputs`, 'compare');
  const system = getSystem(src.raw.system, `${src.path}: system`);
  for (const m of [baseMode, candidateMode]) {
    if (!system.modes.includes(m)) throw new HetsimError('config_invalid', `system ${system.id} has no mode '${m}'; its modes: ${system.modes.join(', ')}`, '--mode');
  }
  const s = await system.load(src.path!);
  const base = okLine(await system.run(s, { mode: baseMode }));
  const candidate = okLine(await system.run(s, { mode: candidateMode }));
  const gates = resolveGates([base, candidate], opts);
  return comparePairs([{ base, candidate }], gates, { base: `${ref} --mode ${baseMode}`, candidate: `${ref} --mode ${candidateMode}`, threshold: opts.threshold });
}

/** `dc3847f4 roofline/calibrated batch=8`: hash prefix, system/mode, and the config keys that vary among that system's pairs. */
function pairLabels(pairs: readonly PairResult[]): Map<string, string> {
  const varying = new Map<string, string[]>();
  for (const sys of new Set(pairs.map((p) => p.system))) {
    const configs = pairs.filter((p) => p.system === sys).map((p) => (p.config ?? {}) as Record<string, unknown>);
    const keys = [...new Set(configs.flatMap((c) => (typeof c === 'object' && c !== null ? Object.keys(c) : [])))].sort();
    varying.set(sys, keys.filter((k) => k !== 'mode' && new Set(configs.map((c) => canonicalJson(c[k]))).size > 1));
  }
  const labels = new Map<string, string>();
  for (const p of pairs) {
    const c = (p.config ?? {}) as Record<string, unknown>;
    const kv = varying.get(p.system)!.map((k) => `${k}=${typeof c[k] === 'string' ? c[k] : canonicalJson(c[k]).slice(0, 24)}`);
    const mode = p.candidate_mode ? `${p.mode}→${p.candidate_mode}` : p.mode;
    labels.set(p.hash, [p.hash.slice(0, 8), `${p.system}/${mode}`, ...kv].join(' '));
  }
  return labels;
}

function num(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  if (v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) return v.toExponential(4);
  return String(Number(v.toPrecision(6)));
}

const arrow = (g: Pick<MetricGate, 'better'>) => (g.better === 'higher' ? '↑' : '↓');

function verdict(c: Comparison): string {
  const n = c.metrics.reduce((s, m) => s + m.regressions, 0);
  const own = c.metrics.filter((m) => m.threshold !== c.threshold).map((m) => `${m.name} at ${formatThreshold(m.threshold)}`);
  const where = `${c.pairs.length} matched config${c.pairs.length === 1 ? '' : 's'}, ${c.metrics.length} metric${c.metrics.length === 1 ? '' : 's'}, threshold ${formatThreshold(c.threshold)}${own.length ? `, ${own.join(', ')}` : ''}`;
  const broke = c.failed.filter((f) => f.broke).length;
  const broken = broke === 0 ? '' : `${n === 0 ? '' : ', '}${broke} config${broke === 1 ? '' : 's'} failing in the candidate that ran in the base`;
  if (n === 0 && broke === 0) return `✅ no regression (${where})`;
  return `❌ ${n === 0 ? '' : `${n} regression${n === 1 ? '' : 's'} past threshold`}${broken} (${where})`;
}

function table(rows: string[][], right: ReadonlySet<number> = new Set()): string[] {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (right.has(i) ? cell.padStart(w[i]) : cell.padEnd(w[i]))).join('  ').trimEnd());
}

function renderTable(c: Comparison): string {
  const labels = pairLabels(c.pairs);
  const out = [`base:      ${c.base}`, `candidate: ${c.candidate}`, ''];
  const gate = new Map(c.metrics.map((m) => [m.name, m]));
  const rows = [['config', 'metric', 'base', 'candidate', 'change', '']];
  let unchanged = 0;
  for (const p of c.pairs) {
    const changed = Object.entries(p.deltas).filter(([, d]) => d.change !== 0);
    if (changed.length === 0) unchanged++;
    for (const [m, d] of changed) rows.push([labels.get(p.hash)!, `${m} ${arrow(gate.get(m)!)}`, num(d.base), num(d.candidate), formatChange(d.change), d.regressed ? '✗ regression' : '']);
  }
  if (rows.length > 1) out.push(...table(rows, new Set([2, 3, 4])));
  out.push(`${unchanged} of ${c.pairs.length} matched configs unchanged on every gated metric`, '');
  if (c.metrics.length > 0) {
    out.push('geomean candidate/base per metric:');
    out.push(...table([['metric', 'better', 'threshold', 'geomean', 'regressions'], ...c.metrics.map((m) => [m.name, m.better, formatThreshold(m.threshold), m.geomean_ratio === null ? '—' : formatRatio(m.geomean_ratio), String(m.regressions)])], new Set([2, 3, 4])).map((l) => `  ${l}`), '');
  }
  if (c.worst.length > 0) {
    out.push('worst regressions:');
    for (const r of c.worst) out.push(`  ${labels.get(r.hash)}  ${r.metric} ${formatChange(r.change)} (${r.better} is better, threshold ${formatThreshold(r.threshold)})`);
    out.push('');
  }
  for (const side of ['base', 'candidate'] as const) {
    const u = c.unmatched[side];
    if (u.length > 0) out.push(`only in ${side} (${u.length}): ${u.map((l) => `${l.hash.slice(0, 8)} ${l.system}/${l.mode}`).join(', ')}`);
  }
  for (const f of c.failed) out.push(`failed in ${f.side}${f.broke ? ' (ok in base: regression)' : ''}: ${f.hash.slice(0, 8)} ${f.system}/${f.mode}${f.error ? `: ${f.error.message}` : ''}`);
  out.push(verdict(c));
  return `${out.join('\n')}\n`;
}

function renderMarkdown(c: Comparison): string {
  const labels = pairLabels(c.pairs);
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const nFailed = c.failed.length;
  const nUnmatched = c.unmatched.base.length + c.unmatched.candidate.length;
  const out = [`### ${verdict(c).replace(/^(\S+) /, '$1 hetsim compare: ')}`, '', `base \`${cell(c.base)}\` → candidate \`${cell(c.candidate)}\` · ${nUnmatched} unmatched · ${nFailed} failed`, ''];
  if (c.worst.length > 0) {
    out.push('#### Worst regressions', '', '| config | metric | base | candidate | change | threshold |', '|---|---|---:|---:|---:|---:|');
    for (const r of c.worst) out.push(`| ${cell(labels.get(r.hash)!)} | ${r.metric} ${arrow(r)} | ${num(r.base)} | ${num(r.candidate)} | ${formatChange(r.change)} | ${formatThreshold(r.threshold)} |`);
    out.push('');
  }
  if (c.metrics.length > 0) {
    out.push('#### Geomean candidate/base', '', '| metric | better | geomean | regressions |', '|---|---|---:|---:|');
    for (const m of c.metrics) out.push(`| ${m.name} | ${m.better} ${arrow(m)} | ${m.geomean_ratio === null ? '—' : formatRatio(m.geomean_ratio)} | ${m.regressions} |`);
    out.push('');
  }
  if (nUnmatched + nFailed > 0) {
    out.push(`<details><summary>${nUnmatched} unmatched, ${nFailed} failed</summary>`, '');
    for (const side of ['base', 'candidate'] as const) for (const l of c.unmatched[side]) out.push(`- only in ${side}: \`${l.hash}\` ${l.system}/${l.mode}`);
    for (const f of c.failed) out.push(`- failed in ${f.side}${f.broke ? ' (ok in base: regression)' : ''}: \`${f.hash}\` ${f.system}/${f.mode}${f.error ? `: ${cell(f.error.message)}` : ''}`);
    out.push('', '</details>', '');
  }
  return `${out.join('\n')}\n`;
}
