/**
 * Comparing two result sets (pure: no files, no registry): results matched by their hash, the
 * relative change of each gated metric, whether it is a regression given the metric's direction and
 * threshold, a geomean per metric and the worst regressions. Simulated metrics are deterministic,
 * so a CI job can gate on them (never on wall time).
 */
import { HetsimError } from '../errors.js';
import type { Better, MetricSpec } from '../systems/system.js';
import type { ResultLine } from './config-hash.js';
import type { ResultSet } from './read-results.js';

/** A `--metric` flag: `name`, `name:higher|lower`, `name:higher|lower:5%` or `name:5%`. */
export interface MetricRequest {
  name: string;
  better?: Better;
  threshold?: number;
}

export interface MetricGate {
  name: string;
  better: Better;
  /** Largest tolerated relative change for the worse (0.02 = 2%). */
  threshold: number;
}

export interface Delta {
  base: number;
  candidate: number;
  /** candidate / base; null when base is 0 and candidate is not. */
  ratio: number | null;
  /** (candidate − base) / |base|; null as for ratio. */
  change: number | null;
  /** Worse, given the metric's direction, by more than its threshold. */
  regressed: boolean;
}

export interface PairResult {
  hash: string;
  system: string;
  mode: string;
  /** Only when the candidate ran another mode (`hetsim compare SCENARIO --mode a --mode b`). */
  candidate_mode?: string;
  config?: unknown;
  deltas: Record<string, Delta>;
}

export interface MetricSummary extends MetricGate {
  /** Geometric mean of candidate/base over the matched pairs with a positive ratio. */
  geomean_ratio: number | null;
  regressions: number;
}

export interface Regression {
  hash: string;
  system: string;
  mode: string;
  metric: string;
  better: Better;
  threshold: number;
  base: number;
  candidate: number;
  change: number | null;
}

export interface LineRef {
  hash: string;
  system: string;
  mode: string;
}

export interface FailedRef extends LineRef {
  side: 'base' | 'candidate';
  error?: ResultLine['error'];
  /** Failed in the candidate, ok in the base: the change broke this config (a regression: exit 1). */
  broke?: true;
}

export interface Comparison {
  base: string;
  candidate: string;
  threshold: number;
  metrics: MetricSummary[];
  pairs: PairResult[];
  unmatched: { base: LineRef[]; candidate: LineRef[] };
  failed: FailedRef[];
  /** The worst regressions (at most 5), worst first. */
  worst: Regression[];
  regressed: boolean;
}

export interface CompareOptions {
  threshold: number;
  /** `--metric` flags; none = every metric of the results' systems. */
  metrics?: readonly MetricRequest[];
  /** A system's metric list (directions); undefined for a system this hetsim does not know. */
  metricsOf: (system: string) => readonly MetricSpec[] | undefined;
}

const THRESHOLD_FORM = "expected a relative change as a percentage (2%) or a fraction below 1 (0.02)";

/** `2%`, `2.5%` or `0.02` → 0.02. */
export function parseThreshold(text: string, flag = '--threshold'): number {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$/.exec(text);
  if (!m) throw new HetsimError('config_invalid', `${THRESHOLD_FORM}, got '${text}'`, flag);
  const n = Number(m[1]);
  if (m[2] === '%') return n / 100;
  if (n >= 1) throw new HetsimError('config_invalid', `${THRESHOLD_FORM}, got '${text}' (for ${n} percent write ${n}%)`, flag);
  return n;
}

export function parseMetricRequest(text: string): MetricRequest {
  const form = `expected NAME, NAME:higher|lower or NAME:higher|lower:THRESHOLD (e.g. tokens_per_s:higher:5%), got '${text}'`;
  const [name, ...rest] = text.split(':');
  if (!/^[A-Za-z_][\w.-]*$/.test(name) || rest.length > 2) throw new HetsimError('config_invalid', form, '--metric');
  const req: MetricRequest = { name };
  for (const [i, part] of rest.entries()) {
    if (part === 'higher' || part === 'lower') {
      if (i > 0) throw new HetsimError('config_invalid', form, '--metric');
      req.better = part;
    } else if (i === rest.length - 1 && /\d/.test(part)) {
      req.threshold = parseThreshold(part, `--metric ${name}`);
    } else {
      throw new HetsimError('config_invalid', form, '--metric');
    }
  }
  return req;
}

/** The gated metrics: the `--metric` list (checked against what the results carry), else every descriptor metric they carry. */
export function resolveGates(lines: readonly ResultLine[], opts: CompareOptions): MetricGate[] {
  const ok = lines.filter((l) => l.status === 'ok');
  const have = [...new Set(ok.flatMap((l) => Object.keys(l.metrics)))].sort();
  const systems = [...new Set(ok.map((l) => l.system))].sort();
  const direction = (name: string): Better | undefined => {
    for (const s of systems) {
      const spec = opts.metricsOf(s)?.find((m) => m.name === name);
      if (spec) return spec.better;
    }
    return undefined;
  };
  if (opts.metrics && opts.metrics.length > 0) {
    return opts.metrics.map((r) => {
      if (!have.includes(r.name)) {
        throw new HetsimError('config_invalid', `the results have no metric '${r.name}'; they have: ${have.join(', ') || 'none'}`, '--metric');
      }
      const better = r.better ?? direction(r.name);
      if (!better) throw new HetsimError('config_invalid', `no registered system says which way '${r.name}' is better; give ${r.name}:higher or ${r.name}:lower`, '--metric');
      return { name: r.name, better, threshold: r.threshold ?? opts.threshold };
    });
  }
  const gates: MetricGate[] = [];
  for (const s of systems) {
    for (const m of opts.metricsOf(s) ?? []) {
      if (have.includes(m.name) && !gates.some((g) => g.name === m.name)) gates.push({ name: m.name, better: m.better, threshold: opts.threshold });
    }
  }
  return gates;
}

/** How much worse (positive) or better (negative) a change is, given the direction. */
function badness(change: number | null, better: Better, d: Delta): number {
  if (change === null) return d.regressed ? Infinity : -Infinity;
  return better === 'higher' ? -change : change;
}

export function metricDelta(base: number, candidate: number, gate: Pick<MetricGate, 'better' | 'threshold'>): Delta {
  if (base === 0) {
    if (candidate === 0) return { base, candidate, ratio: 1, change: 0, regressed: false };
    return { base, candidate, ratio: null, change: null, regressed: gate.better === 'lower' ? candidate > 0 : candidate < 0 };
  }
  const change = (candidate - base) / Math.abs(base);
  const worse = gate.better === 'higher' ? -change : change;
  // A tiny tolerance: 1.02 / 1 − 1 is 0.020000000000000018, which is at 2%, not past it.
  return { base, candidate, ratio: candidate / base, change, regressed: worse > gate.threshold + 1e-12 };
}

/** Base and candidate lines paired by hash; lines on one side only; failed lines (never compared). */
export function matchResults(base: ResultSet, candidate: ResultSet): { pairs: { base: ResultLine; candidate: ResultLine }[]; unmatched: Comparison['unmatched']; failed: FailedRef[] } {
  const byHash = new Map(candidate.lines.map((l) => [l.hash, l]));
  const baseHashes = new Set(base.lines.map((l) => l.hash));
  const ref = (l: ResultLine): LineRef => ({ hash: l.hash, system: l.system, mode: l.mode });
  const baseOk = new Set(base.lines.filter((l) => l.status === 'ok').map((l) => l.hash));
  const failed: FailedRef[] = [];
  for (const [side, set] of [['base', base], ['candidate', candidate]] as const) {
    for (const l of set.lines) {
      if (l.status !== 'failed') continue;
      failed.push({ side, ...ref(l), ...(l.error ? { error: l.error } : {}), ...(side === 'candidate' && baseOk.has(l.hash) ? { broke: true as const } : {}) });
    }
  }
  const pairs = base.lines
    .filter((b) => b.status === 'ok' && byHash.get(b.hash)?.status === 'ok')
    .map((b) => ({ base: b, candidate: byHash.get(b.hash)! }));
  const unmatched = {
    base: base.lines.filter((l) => !byHash.has(l.hash)).map(ref).sort(byKey),
    candidate: candidate.lines.filter((l) => !baseHashes.has(l.hash)).map(ref).sort(byKey),
  };
  failed.sort((a, b) => byKey(a, b) || a.side.localeCompare(b.side));
  return { pairs, unmatched, failed };
}

function byKey(a: { hash: string }, b: { hash: string }): number {
  return a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0;
}

/** The deltas, geomeans and worst regressions of already paired results. */
export function comparePairs(
  pairs: readonly { base: ResultLine; candidate: ResultLine }[],
  gates: readonly MetricGate[],
  labels: { base: string; candidate: string; threshold: number },
  rest: Pick<Comparison, 'unmatched' | 'failed'> = { unmatched: { base: [], candidate: [] }, failed: [] },
): Comparison {
  const out: PairResult[] = [];
  const all: (Regression & { bad: number })[] = [];
  for (const { base, candidate } of [...pairs].sort((a, b) => byKey(a.base, b.base))) {
    const pair: PairResult = {
      hash: base.hash,
      system: base.system,
      mode: base.mode,
      ...(candidate.mode !== base.mode ? { candidate_mode: candidate.mode } : {}),
      ...(base.config !== undefined ? { config: base.config } : {}),
      deltas: {},
    };
    for (const g of gates) {
      const b = base.metrics[g.name];
      const c = candidate.metrics[g.name];
      if (b === undefined || c === undefined) continue;
      const d = metricDelta(b, c, g);
      pair.deltas[g.name] = d;
      if (d.regressed) {
        all.push({ hash: pair.hash, system: pair.system, mode: pair.mode, metric: g.name, better: g.better, threshold: g.threshold, base: b, candidate: c, change: d.change, bad: badness(d.change, g.better, d) });
      }
    }
    out.push(pair);
  }
  const metrics = gates.map((g): MetricSummary => {
    const ratios = out.map((p) => p.deltas[g.name]?.ratio).filter((r): r is number => typeof r === 'number' && r > 0);
    const geomean = ratios.length ? Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length) : null;
    return { ...g, geomean_ratio: geomean, regressions: out.filter((p) => p.deltas[g.name]?.regressed).length };
  });
  all.sort((a, b) => b.bad - a.bad || byKey(a, b) || a.metric.localeCompare(b.metric));
  const worst = all.slice(0, 5).map(({ bad: _bad, ...r }) => r);
  // a config the base ran and the candidate failed is a regression too, whatever the metrics say
  const broke = rest.failed.some((f) => f.broke);
  return { base: labels.base, candidate: labels.candidate, threshold: labels.threshold, metrics, pairs: out, ...rest, worst, regressed: all.length > 0 || broke };
}

/** Two result sets, matched by hash. */
export function compareResultSets(base: ResultSet, candidate: ResultSet, opts: CompareOptions): Comparison {
  const { pairs, unmatched, failed } = matchResults(base, candidate);
  const gates = resolveGates([...base.lines, ...candidate.lines], opts);
  return comparePairs(pairs, gates, { base: base.source, candidate: candidate.source, threshold: opts.threshold }, { unmatched, failed });
}

/** `+5.00%`, `-1.23%`, `0.00%`; `from 0` when the base is 0. */
export function formatChange(change: number | null): string {
  if (change === null) return 'from 0';
  const pct = change * 100;
  const s = Math.abs(pct) < 0.005 ? '0.00' : pct.toFixed(2);
  return `${pct > 0 && s !== '0.00' ? '+' : ''}${s}%`;
}

/** `×0.9500`: candidate / base (`×∞` from 0). */
export function formatRatio(ratio: number | null): string {
  return ratio === null ? '×∞' : `×${Math.abs(ratio) >= 0.01 ? ratio.toFixed(4) : ratio.toPrecision(3)}`;
}

/** `2%`, `0.5%`. */
export function formatThreshold(t: number): string {
  return `${Number((t * 100).toPrecision(6))}%`;
}
