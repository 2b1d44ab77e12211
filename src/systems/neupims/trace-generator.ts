/**
 * Continuous-batching steady-state snapshots (spec §7: ORCA-style, `batch` live requests, lengths
 * capped at 2048) from dataset (input, output) length pairs. Each decode step every live request
 * grows by one token; a finished request is replaced by a new one drawn from the dataset, placed on
 * a channel at arrival (longest first among that step's arrivals, as the reference generator does).
 * After a warm-up long enough for the slot ages to mix, the live lengths are the snapshot.
 */
import { readText } from '../../config/read-file.js';
import { HetsimError } from '../../errors.js';
import { ChannelLoad, type PlacementPolicy } from './channel-placement.js';
import type { KvShape, PimGeometry } from './kv-layout.js';
import { mulberry32 } from './prng.js';
import type { LiveRequest } from './request-trace.js';

export interface LengthPair {
  input: number;
  output: number;
}

export function parseLengthTsv(text: string, label: string): LengthPair[] {
  const lines = text.split(/\r?\n/);
  const out: LengthPair[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const [a, b] = lines[i].split('\t').map(Number);
    if (!Number.isFinite(a) || !Number.isFinite(b)) throw new HetsimError('trace_parse', `${label}: line ${i + 1}: expected 'input<TAB>output'`);
    out.push({ input: Math.max(1, a), output: Math.max(1, b) });
  }
  if (out.length === 0) throw new HetsimError('trace_parse', `${label}: no length pairs`);
  return out;
}

export function readLengthTsv(path: string): LengthPair[] {
  return parseLengthTsv(readText(path, 'length dataset'), path);
}

export interface SnapshotOptions {
  batch: number;
  seed: number;
  policy: PlacementPolicy;
  /** Context cap (spec §7: 2048). */
  maxLen?: number;
  /** Decode steps simulated before the snapshot; default 4 × the cap so every slot turned over. */
  warmupSteps?: number;
}

export function generateSnapshot(pairs: readonly LengthPair[], opt: SnapshotOptions, g: PimGeometry, s: KvShape): LiveRequest[] {
  const cap = opt.maxLen ?? 2048;
  const rand = mulberry32(opt.seed);
  const load = new ChannelLoad(g, s);
  const cur = new Int32Array(opt.batch);
  const end = new Int32Array(opt.batch);
  const ch = new Int32Array(opt.batch);
  const admit = (slots: number[]): void => {
    const drawn = slots.map((slot) => {
      const p = pairs[Math.floor(rand() * pairs.length)];
      // +1: the prompt is prefilled and the first token generated when the request joins
      const L = Math.min(cap, p.input + 1);
      return { slot, L, end: Math.min(cap, p.input + p.output) };
    });
    drawn.sort((a, b) => b.L - a.L || a.slot - b.slot);
    for (const d of drawn) {
      cur[d.slot] = d.L;
      end[d.slot] = Math.max(d.L, d.end);
      ch[d.slot] = load.place(opt.policy, d.L, cap);
    }
  };
  admit(Array.from({ length: opt.batch }, (_, i) => i));
  const steps = opt.warmupSteps ?? 4 * cap;
  for (let step = 0; step < steps; step++) {
    const done: number[] = [];
    for (let i = 0; i < opt.batch; i++) {
      if (cur[i] >= end[i]) {
        load.remove(ch[i], cur[i], cap);
        done.push(i);
      } else {
        // the balancer's estimate tracks the growing context
        load.remove(ch[i], cur[i], cap);
        cur[i]++;
        load.restore(ch[i], cur[i], cap);
      }
    }
    if (done.length > 0) admit(done);
  }
  return Array.from({ length: opt.batch }, (_, i) => ({ seqLen: cur[i], channel: ch[i] }));
}
