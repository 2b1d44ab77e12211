/**
 * "Did you mean …?" for unknown keys and ids: the nearest valid name by edit distance, and the
 * valid keys of a zod object schema at an issue's path. No runtime imports (zod is used for types
 * only): the roofline batch path (request.ts) uses `nearest` without loading zod.
 */
import type { ZodType } from 'zod';

/**
 * Optimal-string-alignment (Damerau–Levenshtein) distance: insertions, deletions, substitutions
 * and transpositions of adjacent characters each cost 1 ('bandwith' → 'bandwidth' = 1, 'pkea' → 'peak' = 1).
 */
export function editDistance(a: string, b: string): number {
  const n = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}

/** The largest distance still offered as a suggestion for a name of this length. */
export function maxSuggestDistance(name: string): number {
  return Math.max(2, Math.floor(name.length / 3));
}

/**
 * The valid name closest to `name` (case-insensitive), or undefined when none is within
 * max(2, len/3) edits (and fewer edits than the longer name has characters). Ties go to the
 * earlier candidate.
 */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  const r = name.toLowerCase();
  const limit = maxSuggestDistance(name);
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(r, c.toLowerCase());
    // Not a complete rewrite either ('x' is not a typo of 'w').
    if (d <= limit && d < Math.max(name.length, c.length) && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** `; did you mean 'x'?` for one unknown key, or '' when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const n = nearest(name, candidates);
  return n === undefined ? '' : `; did you mean '${n}'?`;
}

interface ZodDefLike {
  type?: string;
  shape?: Record<string, ZodType>;
  innerType?: ZodType;
  in?: ZodType;
  out?: ZodType;
  options?: readonly ZodType[];
  element?: ZodType;
  valueType?: ZodType;
  items?: readonly ZodType[];
  rest?: ZodType | null;
  left?: ZodType;
  right?: ZodType;
  getter?: () => ZodType;
}

function defOf(s: ZodType): ZodDefLike {
  return ((s as unknown as { _zod?: { def?: ZodDefLike } })._zod?.def ?? {}) as ZodDefLike;
}

/** The schemas a value at `s` may be checked by, with optional/default/nullable/pipe/lazy/union/intersection unwrapped. */
function alternatives(s: ZodType, out: ZodType[], depth: number): void {
  if (depth > 32) return;
  const d = defOf(s);
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
    case 'success':
      if (d.innerType) alternatives(d.innerType, out, depth + 1);
      return;
    case 'pipe':
      if (d.in) alternatives(d.in, out, depth + 1);
      return;
    case 'lazy':
      if (d.getter) alternatives(d.getter(), out, depth + 1);
      return;
    case 'union':
      for (const o of d.options ?? []) alternatives(o, out, depth + 1);
      return;
    case 'intersection':
      if (d.left) alternatives(d.left, out, depth + 1);
      if (d.right) alternatives(d.right, out, depth + 1);
      return;
    default:
      out.push(s);
  }
}

/** The schemas of the child `key` of any of `schemas`. */
function child(schemas: ZodType[], key: PropertyKey): ZodType[] {
  const next: ZodType[] = [];
  for (const s of schemas) {
    const d = defOf(s);
    let c: ZodType | undefined | null;
    if (d.type === 'object' && typeof key === 'string') c = d.shape && Object.hasOwn(d.shape, key) ? d.shape[key] : undefined;
    else if (d.type === 'record') c = d.valueType;
    else if (d.type === 'array' && typeof key === 'number') c = d.element;
    else if (d.type === 'tuple' && typeof key === 'number') c = d.items?.[key] ?? d.rest;
    if (c) alternatives(c, next, 0);
  }
  return next;
}

/**
 * The keys an object schema accepts at `path` inside `schema` (the union of every object
 * alternative there), in declaration order; empty when there is no object schema at that path.
 */
export function objectKeysAt(schema: ZodType, path: readonly PropertyKey[]): string[] {
  let here: ZodType[] = [];
  alternatives(schema, here, 0);
  for (const key of path) {
    here = child(here, key);
    if (here.length === 0) return [];
  }
  const keys: string[] = [];
  for (const s of here) {
    const d = defOf(s);
    if (d.type === 'object' && d.shape) for (const k of Object.keys(d.shape)) if (!keys.includes(k)) keys.push(k);
  }
  return keys;
}
