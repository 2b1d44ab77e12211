/**
 * `--shard i/N`: one of N deterministic slices of a sweep, so the same command runs unchanged as
 * a CI matrix job, a Kubernetes Indexed Job or an AWS Batch array child. Slice i (0-based, as
 * JOB_COMPLETION_INDEX and AWS_BATCH_JOB_ARRAY_INDEX count) holds the configs whose position in
 * the expanded, de-duplicated list is i mod N: round-robin, so neighbouring (similarly costly)
 * configs spread over the shards.
 */
import { HetsimError } from '../errors.js';

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(s: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(s);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index >= count) throw new HetsimError('config_invalid', `expected i/N with 0 <= i < N (e.g. 0/4; i counts from 0), got '${s}'`, '--shard');
  return { index, count };
}

export function inShard<T>(items: readonly T[], shard: Shard | undefined): T[] {
  return shard ? items.filter((_, k) => k % shard.count === shard.index) : [...items];
}
