/**
 * Length-adaptive compilation (FlightLLM section 4): programs compiled per length bucket (prefill
 * lengths rounded up to 128, decode contexts to 16) instead of one per exact length. Storage is
 * the sum of every program's encoded instructions (isa.ts word counts) over all lengths 1..maxLen;
 * the buckets' cost is the padding they compute. Programs are counted, not materialised; a
 * program's size depends on its length only through the 64-token block count, so sizes are
 * memoised by it.
 */
import { ATTN_BLOCK, type CompileConfig } from './compile-config.js';
import { compileDecodeStep, compilePrefill } from './compiler.js';
import { programBytes } from './isa.js';

export interface BucketStorage {
  max_len: number;
  prefill_bucket: number;
  decode_bucket: number;
  /** Bytes of all programs, one per exact prefill length and decode context. */
  exact_bytes: number;
  /** Bytes of the bucketed programs. */
  bucketed_bytes: number;
  ratio: number;
  programs: { exact: number; bucketed: number };
  /** Mean fraction of computed tokens that are padding, over all lengths 1..maxLen (prefill; decode contexts). */
  mean_padding: { prefill: number; decode: number };
}

/** Program sizes per compile config (a sweep or a report runs the same design many times). */
const sizeCache = new Map<string, Map<string, number>>();

export function bucketStorage(cfg: CompileConfig, maxLen: number, prefillBucket: number, decodeBucket: number): BucketStorage {
  const cfgKey = JSON.stringify(cfg);
  let memo = sizeCache.get(cfgKey);
  if (!memo) sizeCache.set(cfgKey, (memo = new Map<string, number>()));
  const size = (kind: 'p' | 'd', len: number): number => {
    const key = kind === 'p' ? `p${Math.ceil(len / ATTN_BLOCK)}:${Math.min(len, cfg.mm.m)}` : `d${Math.ceil(len / ATTN_BLOCK)}`;
    let v = memo!.get(key);
    if (v === undefined) {
      const progs = kind === 'p' ? compilePrefill(cfg, len, true) : compileDecodeStep(cfg, len, true);
      v = progs.reduce((a, p) => a + programBytes(p.words), 0);
      memo!.set(key, v);
    }
    return v;
  };
  let exact = 0, bucketed = 0, padP = 0, padD = 0;
  for (let len = 1; len <= maxLen; len++) exact += size('p', len) + size('d', len);
  let nBuckets = 0;
  for (let len = prefillBucket; len < maxLen + prefillBucket; len += prefillBucket) (bucketed += size('p', Math.min(len, maxLen)), nBuckets++);
  let dBuckets = 0;
  for (let len = decodeBucket; len < maxLen + decodeBucket; len += decodeBucket) (bucketed += size('d', Math.min(len, maxLen)), dBuckets++);
  for (let len = 1; len <= maxLen; len++) {
    const p = Math.min(Math.ceil(len / prefillBucket) * prefillBucket, maxLen);
    const d = Math.min(Math.ceil(len / decodeBucket) * decodeBucket, maxLen);
    padP += (p - len) / p;
    padD += (d - len) / d;
  }
  return {
    max_len: maxLen,
    prefill_bucket: prefillBucket,
    decode_bucket: decodeBucket,
    exact_bytes: exact,
    bucketed_bytes: bucketed,
    ratio: exact / bucketed,
    programs: { exact: 2 * maxLen, bucketed: nBuckets + dBuckets },
    mean_padding: { prefill: padP / maxLen, decode: padD / maxLen },
  };
}
