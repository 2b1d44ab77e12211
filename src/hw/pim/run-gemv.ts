/**
 * Standalone single-channel GEMV run: the PIM program on one channel, optionally with normal
 * traffic to the same channel, so dual-buffer vs blocked behaviour is measurable in isolation.
 * Pure function of its arguments (own Simulator), so it can run in a worker.
 */
import { Simulator } from '../../sim/simulator.js';
import { HbmChannel } from '../dram/hbm-channel.js';
import { blankRequest } from '../dram/mem-request.js';
import { hbm2PimSpec, type PimBufferMode } from './hbm2-pim.js';
import { PimEngine } from './pim-engine.js';
import type { PimOp } from './pim-op.js';

export interface BackgroundTraffic {
  /** Number of 64 B reads (or writes) to the channel, all queued at cycle 0. */
  count: number;
  /** 'sequential': rows fill one bank after another like `rorabgbachco`; 'random': uniform rows/banks. */
  pattern?: 'sequential' | 'random';
  isWrite?: boolean;
  /** First row used (keep it away from the PIM rows to avoid row-exclusion stalls). */
  baseRow?: number;
  seed?: number;
}

export interface GemvRunOptions {
  mode: PimBufferMode;
  ops: readonly PimOp[];
  fused?: boolean;
  background?: BackgroundTraffic;
  refresh?: boolean;
  /** Validate every command against the timing table (tests). */
  strict?: boolean;
}

export interface GemvRunResult {
  /** Cycle the last PIM result is back. */
  pimCycles: number;
  /** Cycle the last normal request completed (0 without background traffic). */
  normalCycles: number;
  /** max(pimCycles, normalCycles). */
  cycles: number;
  /** Commands issued, by name (ACT, RD, G_ACT, COMPS_READRES, …). */
  commands: Record<string, number>;
  /** Normal RD/WR issued while a GEMV was in flight (NeuPIMs' `num_parallel_read_cmds`). */
  parallelAccesses: number;
  pim: PimEngine['stats'];
}

export function runGemv(opts: GemvRunOptions): GemvRunResult {
  const sim = new Simulator();
  const ch = new HbmChannel({ spec: hbm2PimSpec(opts.mode), sim, dualBuffer: opts.mode === 'dual', refresh: opts.refresh, strict: opts.strict });
  const pim = new PimEngine(ch, { mode: opts.mode, fused: opts.fused });
  const bg = opts.background;
  if (bg !== undefined) enqueueBackground(ch, bg);
  for (const op of opts.ops) pim.submit(op);
  sim.run();
  const commands = ch.state.countsByName();
  return {
    pimCycles: pim.lastDoneCycle,
    normalCycles: ch.lastDoneCycle,
    cycles: Math.max(pim.lastDoneCycle, ch.lastDoneCycle),
    commands,
    parallelAccesses: ch.stats.parallelAccesses,
    pim: { ...pim.stats },
  };
}

function enqueueBackground(ch: HbmChannel, bg: BackgroundTraffic): void {
  const o = ch.state.spec.org;
  const cols = o.columns;
  const banks = ch.state.numBanks;
  const base = bg.baseRow ?? 1024;
  // mulberry32: deterministic, full-period 32-bit generator.
  let seed = (bg.seed ?? 1) >>> 0;
  const rnd = (): number => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  for (let i = 0; i < bg.count; i++) {
    let bank: number;
    let row: number;
    if (bg.pattern === 'random') {
      bank = Math.floor(rnd() * banks);
      row = base + Math.floor(rnd() * 4096);
    } else {
      const chunk = Math.floor(i / cols);
      bank = chunk % banks;
      row = base + Math.floor(chunk / banks);
    }
    const req = blankRequest();
    req.id = i;
    req.ch = ch.index;
    req.bank = bank;
    req.row = row;
    req.col = i % cols;
    req.isWrite = bg.isWrite === true;
    ch.enqueue(req);
  }
}
