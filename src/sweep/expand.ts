/**
 * A sweep spec's axes → the list of points (scenario-key overrides), deterministically: the
 * cartesian product of the axes in spec order (the first varies slowest), each zip group one more
 * dimension whose keys advance together. Ranges are inclusive and expanded without float drift.
 */
import { didYouMean } from '../config/suggest.js';
import { HetsimError } from '../errors.js';
import { canonicalJson } from './config-hash.js';
import { filterOp, type AxisValues, type Filter, type SweepSpec } from './sweep-spec.js';

/** One dimension of the product: one axis, or a zip group of keys sharing an index. */
export interface Dimension {
  keys: string[];
  /** Spec key of each of `keys` (`axes.batch`, `zip[0].seq`), for error messages. */
  at: string[];
  rows: unknown[][];
}

export type Point = Record<string, unknown>;

/** 12 significant digits: 0.1 + 0.2 steps give 0.3, not 0.30000000000000004. */
const tidy = (x: number): number => Number(x.toPrecision(12));

/** An axis's values; a range longer than `limit` values is an error (before it is materialised). */
export function expandAxis(v: AxisValues, at: string, limit: number): unknown[] {
  if (Array.isArray(v)) return v;
  const { from, to } = v;
  let count: number;
  let value: (i: number) => number;
  if ('step' in v) {
    const { step } = v;
    if (step === 0) throw new HetsimError('config_invalid', `step 0 never gets from ${from} to ${to}`, `${at}.step`);
    if ((to - from) * step < 0) throw new HetsimError('config_invalid', `step ${step} goes away from 'to' (${from} → ${to}); use step ${-step}`, `${at}.step`);
    count = Math.floor((to - from) / step + 1e-9) + 1;
    value = (i) => tidy(from + i * step);
  } else {
    const { factor } = v;
    if (from <= 0 || to <= 0) throw new HetsimError('config_invalid', `a {from, to, factor} range needs from and to > 0, got ${from} → ${to}`, at);
    if (factor <= 0 || (factor === 1 && from !== to)) throw new HetsimError('config_invalid', `factor ${factor} never gets from ${from} to ${to}`, `${at}.factor`);
    if ((to - from) * (factor - 1) < 0) throw new HetsimError('config_invalid', `factor ${factor} goes away from 'to' (${from} → ${to}); use factor ${tidy(1 / factor)}`, `${at}.factor`);
    count = from === to ? 1 : Math.floor(Math.log(to / from) / Math.log(factor) + 1e-9) + 1;
    value = (i) => tidy(from * factor ** i);
  }
  if (count > limit) throw new HetsimError('config_invalid', `the range expands to ${count} values, more than the limit ${limit} (max_configs, ×10 with filters)`, at);
  return Array.from({ length: count }, (_, i) => value(i));
}

/** The spec's axes and zip groups as dimensions; a key given twice or a zip of unequal lengths is an error. */
export function dimensions(spec: SweepSpec, limit: number): Dimension[] {
  const dims: Dimension[] = [];
  const seen = new Map<string, string>();
  const claim = (key: string, at: string): void => {
    const before = seen.get(key);
    if (before) throw new HetsimError('config_invalid', `scenario key '${key}' is swept twice (also at ${before})`, at);
    seen.set(key, at);
  };
  for (const [key, v] of Object.entries(spec.axes ?? {})) {
    claim(key, `axes.${key}`);
    dims.push({ keys: [key], at: [`axes.${key}`], rows: expandAxis(v, `axes.${key}`, limit).map((x) => [x]) });
  }
  (spec.zip ?? []).forEach((group, g) => {
    const keys = Object.keys(group);
    if (keys.length === 0) throw new HetsimError('config_invalid', 'a zip group needs at least one key', `zip[${g}]`);
    const at = keys.map((k) => `zip[${g}].${k}`);
    keys.forEach((k, j) => claim(k, at[j]));
    const cols = keys.map((k, j) => expandAxis(group[k], at[j], limit));
    const n = cols[0].length;
    const bad = cols.findIndex((c) => c.length !== n);
    if (bad >= 0) throw new HetsimError('config_invalid', `zipped keys advance together, so they need as many values: ${keys[0]} has ${n}, ${keys[bad]} has ${cols[bad].length}`, at[bad]);
    dims.push({ keys, at, rows: Array.from({ length: n }, (_, i) => cols.map((c) => c[i])) });
  });
  return dims;
}

export function productSize(dims: Dimension[]): number {
  return dims.reduce((n, d) => n * d.rows.length, 1);
}

/** Every point of the product, first dimension slowest (an odometer over the row indices). */
export function* points(dims: Dimension[]): Generator<Point> {
  const idx = dims.map(() => 0);
  if (dims.some((d) => d.rows.length === 0)) return;
  for (;;) {
    const p: Point = {};
    dims.forEach((d, i) => d.keys.forEach((k, j) => (p[k] = d.rows[idx[i]][j])));
    yield p;
    let i = dims.length - 1;
    while (i >= 0 && ++idx[i] === dims[i].rows.length) idx[i--] = 0;
    if (i < 0) return;
  }
}

/** A dotted key's value in a scenario object (undefined when absent). */
export function valueAt(obj: Record<string, unknown>, key: string): unknown {
  let node: unknown = obj;
  for (const p of key.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[p];
  }
  return node;
}

function asNumber(v: unknown, f: Filter, at: string): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || Number.isNaN(n)) throw new HetsimError('config_invalid', `'${filterOp(f)}' compares numbers, but ${f.key} is ${JSON.stringify(v)}`, at);
  return n;
}

/**
 * Whether a point passes filter `f`; `lookup` gives the point's value of a key (undefined: no such
 * key, an error naming the nearest of `known`).
 */
export function passes(f: Filter, lookup: (key: string) => unknown, at: string, known: readonly string[]): boolean {
  const v = lookup(f.key);
  if (v === undefined) throw new HetsimError('config_invalid', `filter key '${f.key}' is neither an axis, 'mode' nor a key of the base scenario${didYouMean(f.key, known)}`, `${at}.key`);
  const same = (x: unknown): boolean => canonicalJson(x) === canonicalJson(v) || (typeof x === 'number' && typeof v === 'string' && Number(v) === x);
  switch (filterOp(f)) {
    case 'eq':
      return same(f.eq);
    case 'ne':
      return !same(f.ne);
    case 'in':
      return f.in!.some(same);
    case 'lt':
      return asNumber(v, f, at) < f.lt!;
    case 'le':
      return asNumber(v, f, at) <= f.le!;
    case 'gt':
      return asNumber(v, f, at) > f.gt!;
    case 'ge':
      return asNumber(v, f, at) >= f.ge!;
  }
}
