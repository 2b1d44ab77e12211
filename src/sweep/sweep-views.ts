/**
 * `hetsim sweep report`: the views of a sweep's results.jsonl as a report section. The axes are
 * the config keys (dotted, plus `mode`) whose value varies across the ok lines. Drawn: a metric
 * against one axis with a line (numeric axis) or a bar group (other axes) per value of another, one
 * figure per combination of the remaining axes; optionally a heatmap over the two axes, and a
 * Pareto front of two metrics (directions from the system's metric list).
 */
import { HetsimError } from '../errors.js';
import { nearest } from '../config/suggest.js';
import type { ChartSpec, FigureSpec, SectionSpec, TableSpec } from '../systems/report-spec.js';
import { getSystem } from '../systems/registry.js';
import type { ResultLine } from './config-hash.js';

export interface SweepViewOptions {
  metric?: string;
  x?: string;
  by?: string;
  /** `key=value` filters; every one must hold. */
  where?: string[];
  heatmap?: boolean;
  /** Two metric names: x and y of the Pareto scatter. */
  pareto?: [string, string];
}

type Scalar = string | number | boolean;
/** At most this many figures per view: more means the user should fix an axis with --where. */
const MAX_FIGURES = 12;

/** A config as dotted keys → scalar values (arrays and objects flattened; the mode added). */
export function flatConfig(line: ResultLine): Record<string, Scalar> {
  const out: Record<string, Scalar> = { mode: line.mode };
  const walk = (v: unknown, key: string) => {
    if (v === null || v === undefined) return;
    if (typeof v === 'object') {
      for (const [k, c] of Object.entries(v as Record<string, unknown>)) walk(c, key ? `${key}.${k}` : k);
    } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = v;
  };
  walk(line.config, '');
  return out;
}

const text = (v: Scalar | undefined): string => (v === undefined ? '—' : String(v));
const cmp = (a: Scalar | undefined, b: Scalar | undefined) => (typeof a === 'number' && typeof b === 'number' ? a - b : text(a).localeCompare(text(b)));

/** Keys whose value varies, in the order they first appear; the distinct values of each, sorted. */
export function sweepAxes(rows: Record<string, Scalar>[]): Map<string, Scalar[]> {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const axes = new Map<string, Scalar[]>();
  for (const k of keys) {
    const vals = [...new Map(rows.map((r) => [text(r[k]), r[k]])).values()].filter((v): v is Scalar => v !== undefined).sort(cmp);
    if (vals.length > 1) axes.set(k, vals);
  }
  return axes;
}

function pick(name: string | undefined, options: string[], what: string, flag: string): string | undefined {
  if (name === undefined || options.includes(name)) return name;
  const near = nearest(name, options);
  throw new HetsimError('config_invalid', `the results have no ${what} '${name}'${near ? ` (did you mean '${near}'?)` : ''}; they have: ${options.join(', ')}`, flag);
}

export function sweepSection(all: ResultLine[], source: string, opts: SweepViewOptions = {}): SectionSpec {
  const ok = all.filter((l) => l.status === 'ok');
  if (ok.length === 0) throw new HetsimError('config_invalid', `${source} has no ok results to draw`, 'results');
  const systems = [...new Set(ok.map((l) => l.system))];
  if (systems.length > 1) throw new HetsimError('config_invalid', `${source} mixes systems (${systems.join(', ')}); draw one system's results at a time (split with --where mode=…)`, 'results');
  const system = getSystem(systems[0], 'results');
  let rows = ok.map((l) => ({ line: l, cfg: flatConfig(l) }));
  for (const w of opts.where ?? []) {
    const m = /^([^=]+)=(.*)$/.exec(w);
    if (!m) throw new HetsimError('config_invalid', `expected key=value, got '${w}'`, '--where');
    const key = pick(m[1], [...new Set(rows.flatMap((r) => Object.keys(r.cfg)))], 'config key', '--where')!;
    rows = rows.filter((r) => text(r.cfg[key]) === m[2]);
    if (rows.length === 0) throw new HetsimError('config_invalid', `no result has ${key}=${m[2]}`, '--where');
  }
  const axes = sweepAxes(rows.map((r) => r.cfg));
  const axisNames = [...axes.keys()];
  if (axisNames.length === 0) throw new HetsimError('config_invalid', `the results vary along no config key: nothing to plot against (${rows.length} result${rows.length === 1 ? '' : 's'})`, 'results');
  const metricNames = system.metrics.map((m) => m.name).filter((n) => rows.some((r) => typeof r.line.metrics[n] === 'number'));
  const metric = pick(opts.metric, metricNames, 'metric', '--metric') ?? metricNames[0];
  const spec = system.metrics.find((m) => m.name === metric)!;
  const x = pick(opts.x, axisNames, 'swept key', '--x') ?? axisNames.find((k) => axes.get(k)!.every((v) => typeof v === 'number')) ?? axisNames[0];
  const by = pick(opts.by, axisNames.filter((k) => k !== x), 'swept key (other than --x)', '--by') ?? (axisNames.includes('mode') && x !== 'mode' ? 'mode' : axisNames.find((k) => k !== x));
  const rest = axisNames.filter((k) => k !== x && k !== by);

  // one figure per combination of the other axes
  const combos = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = rest.map((k) => `${k}=${text(r.cfg[k])}`).join(', ');
    combos.set(key, [...(combos.get(key) ?? []), r]);
  }
  if (combos.size > MAX_FIGURES) {
    throw new HetsimError('config_invalid', `${combos.size} figures (one per combination of ${rest.join(', ')}); fix some with --where key=value, or choose --x/--by among them`, '--where');
  }
  const xs = axes.get(x)!;
  const bys = by ? axes.get(by)! : [undefined];
  const numericX = xs.every((v) => typeof v === 'number');
  const figures: FigureSpec[] = [];
  const unit = `${spec.unit}`;
  const yLabel = `${metric} (${unit}, ${spec.better} is better)`;
  let n = 0;
  for (const [combo, rs] of [...combos].sort(([a], [b]) => a.localeCompare(b))) {
    n++;
    const value = (xv: Scalar, bv: Scalar | undefined): number | null => {
      const hit = rs.find((r) => text(r.cfg[x]) === text(xv) && (by === undefined || text(r.cfg[by]) === text(bv)));
      return hit ? hit.line.metrics[metric] ?? null : null;
    };
    const subtitle = `${system.title} · ${rows.length} results from ${source}${combo ? ` · ${combo}` : ''}`;
    const title = `${metric} by ${x}${by ? `, one ${numericX ? 'line' : 'bar'} per ${by}` : ''}`;
    const table: TableSpec = { caption: `${metric} (${unit})${combo ? `, ${combo}` : ''}`, columns: [x, ...bys.map((b) => (by ? `${by}=${text(b)}` : metric))], rows: xs.map((xv) => [typeof xv === 'number' ? xv : text(xv), ...bys.map((b) => value(xv, b) ?? '—')]) };
    const positive = xs.every((v) => typeof v === 'number' && v > 0);
    const spread = positive ? Math.max(...(xs as number[])) / Math.min(...(xs as number[])) : 1;
    const chart: ChartSpec = numericX
      ? { kind: 'line', input: { title, subtitle, xLabel: x, yLabel, logX: spread >= 16, series: bys.map((b) => ({ label: by ? `${by}=${text(b)}` : metric, points: xs.flatMap((xv) => { const v = value(xv, b); return v === null ? [] : [{ x: xv as number, y: v }]; }) })) } }
      : { kind: 'bar', input: { title, subtitle, yLabel, categories: xs.map(text), groups: bys.map((b) => ({ label: by ? `${by}=${text(b)}` : metric, values: xs.map((xv) => value(xv, b) ?? NaN) })) } };
    figures.push({ name: `sweep-${metric}-${n}`, caption: `${metric} against ${x}${combo ? ` (${combo})` : ''}`, chart, tables: [table] });
    if (opts.heatmap && by) {
      figures.push({
        name: `sweep-${metric}-heatmap-${n}`,
        caption: `${metric} over ${x} × ${by}${combo ? ` (${combo})` : ''}`,
        chart: { kind: 'heatmap', input: { title: `${metric} over ${x} × ${by}`, subtitle, xLabel: x, yLabel: by, xs: xs.map(text), ys: bys.map(text), values: bys.map((b) => xs.map((xv) => value(xv, b))), unit } },
      });
    }
  }
  if (opts.pareto) {
    const [mx, my] = opts.pareto.map((m, i) => pick(m, metricNames, 'metric', `--pareto (${i === 0 ? 'x' : 'y'})`)!);
    const better = (m: string) => system.metrics.find((s) => s.name === m)!.better === 'higher' ? 'higher' as const : 'lower' as const;
    const unitOf = (m: string) => system.metrics.find((s) => s.name === m)!.unit;
    const points = rows.filter((r) => typeof r.line.metrics[mx] === 'number' && typeof r.line.metrics[my] === 'number').map((r) => ({
      label: axisNames.filter((k) => k !== by).map((k) => `${k}=${text(r.cfg[k])}`).join(' '),
      group: by ? `${by}=${text(r.cfg[by])}` : system.id,
      x: r.line.metrics[mx],
      y: r.line.metrics[my],
    }));
    figures.push({
      name: `sweep-pareto-${mx}-${my}`,
      caption: `${my} against ${mx} over every result: the Pareto front (${better(mx)} ${mx}, ${better(my)} ${my}) joined and labelled`,
      chart: { kind: 'scatter', input: { title: `Pareto front: ${my} vs ${mx}`, subtitle: `${system.title} · ${points.length} results from ${source}`, xLabel: `${mx} (${unitOf(mx)})`, yLabel: `${my} (${unitOf(my)})`, points, better: { x: better(mx), y: better(my) } } },
    });
  }
  return {
    id: 'sweep',
    title: `Sweep: ${system.title}`,
    intro: `${rows.length} ok results of ${all.length} lines in ${source}; swept: ${axisNames.map((k) => `${k} (${axes.get(k)!.length} values)`).join(', ')}.`,
    figures,
    tables: [],
  };
}
