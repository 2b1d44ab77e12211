/**
 * Config node → memory objects. The YAML node nests like the component tree:
 *
 *   memory:
 *     standard: HBM2            # registry key (src/hw/dram/registry.ts)
 *     timing: { nRFC: 350 }     # overrides of HBM2_TIMING, JEDEC spelling
 *     scheduler: { impl: FRFCFS }
 *     addressMapping: rorabgbachco
 *     queueDepth: 128
 *     pim: { mode: dual }       # omit for plain DRAM (NPU-only); single = Newton blocked mode
 *
 * It lives in `pim/` because it may build PIM engines; the DRAM layer does not import PIM code.
 *
 * A system scenario's HBM-PIM node (`hbmPimNodeSchema`, snake_case, NeuPIMs §2) names the
 * organisation instead; `hbmPimConfigFromNode` checks it and `buildHbmPim` builds the same objects
 * from it (see hbmPimOrg for how each key maps onto HBM2's organisation).
 */
import { z } from 'zod';
import { HetsimError } from '../../errors.js';
import type { Simulator } from '../../sim/simulator.js';
import { HbmDevice } from '../dram/hbm-device.js';
import { ADDR_MAPPERS, lookup, SCHEDULERS, STANDARDS } from '../dram/registry.js';
import { HBM2_ORG, HBM2_TIMING } from '../dram/standards/hbm2.js';
import type { DramOrg, DramSpec } from '../dram/dram-spec.js';
import { attachPim } from './attach-pim.js';
import { hbm2PimSpec, type PimBufferMode } from './hbm2-pim.js';
import type { PimEngine } from './pim-engine.js';

export const memoryConfigSchema = z
  .object({
    standard: z.string().default('HBM2'),
    timing: z.record(z.string(), z.number().int().nonnegative()).default({}),
    scheduler: z.object({ impl: z.string().default('FRFCFS') }).strict().prefault({}),
    addressMapping: z.string().default('rorabgbachco'),
    queueDepth: z.number().int().positive().default(128),
    streamWindow: z.number().int().positive().default(1024),
    refresh: z.boolean().default(true),
    pim: z
      .object({ mode: z.enum(['dual', 'single']), fused: z.boolean().optional() })
      .strict()
      .optional(),
  })
  .strict();

export type MemoryConfig = z.output<typeof memoryConfigSchema>;

export interface PimMemory {
  device: HbmDevice;
  /** One engine per channel, or null without `pim`. */
  pim: PimEngine[] | null;
}

export interface Memory extends PimMemory {
  /** The resolved config (defaults filled), to save with results. */
  config: MemoryConfig;
}

/** Validates `raw` (throws config_invalid / unknown_impl naming the path) and builds the memory. */
export function buildMemory(raw: unknown, sim: Simulator, path = 'memory'): Memory {
  const r = memoryConfigSchema.safeParse(raw ?? {});
  if (!r.success) {
    const i = r.error.issues[0];
    throw new HetsimError('config_invalid', i.message, [path, ...i.path.map(String)].join('.'));
  }
  const cfg = r.data;
  for (const k of Object.keys(cfg.timing)) {
    if (!(k in HBM2_TIMING)) throw new HetsimError('unknown_key', `unknown timing parameter; valid: ${Object.keys(HBM2_TIMING).join(', ')}`, `${path}.timing.${k}`);
  }
  const makeStd = lookup(STANDARDS, cfg.standard, `${path}.standard`);
  const makeSched = lookup(SCHEDULERS, cfg.scheduler.impl, `${path}.scheduler.impl`);
  const makeMapper = lookup(ADDR_MAPPERS, cfg.addressMapping, `${path}.addressMapping`);
  const spec = cfg.pim ? hbm2PimSpec(cfg.pim.mode, cfg.timing) : makeStd(cfg.timing);
  const device = new HbmDevice({
    spec,
    sim,
    mapper: makeMapper(spec.org),
    makeScheduler: makeSched,
    queueDepth: cfg.queueDepth,
    streamWindow: cfg.streamWindow,
    dualBuffer: cfg.pim ? cfg.pim.mode === 'dual' : true,
    refresh: cfg.refresh,
  });
  const pim = cfg.pim ? attachPim(device, { mode: cfg.pim.mode, fused: cfg.pim.fused }) : null;
  return { device, pim, config: cfg };
}

/** PIM standards by the scenario's `standard` name: the PIM table and the plain standard under it. */
export const PIM_STANDARDS: Record<string, { plain: string; pim: (mode: PimBufferMode, timing: Record<string, number>, org: Partial<DramOrg>) => DramSpec }> = {
  'HBM2-PIM': { plain: 'HBM2', pim: (mode, timing, org) => hbm2PimSpec(mode, timing, org) },
};

/** The scenario's `memory:` node (NeuPIMs §2 neupims.json + HBM2_8Gb_x128_dualpim.ini). */
export const hbmPimNodeSchema = z
  .strictObject({
    standard: z.literal('HBM2-PIM').default('HBM2-PIM'), // §2 HBM2 8 Gb x128 + NewtonSim PIM
    channels: z.number().int().positive().default(32), // §2
    banks_per_channel: z.number().int().positive().default(32), // §2 dram_banks_per_ch
    page_bytes: z.number().int().positive().default(1024), // §2 1 KB row per bank
    comp_coverage: z.number().int().positive().default(16), // §2 pim_comp_coverage
    // §10: 29,696 PIM tiles per channel for GPT3-7B/TP4; default = rows left after the weights
    kv_rows_per_channel: z.number().int().positive().optional(),
  })
  .default({ standard: 'HBM2-PIM', channels: 32, banks_per_channel: 32, page_bytes: 1024, comp_coverage: 16 });

export type HbmPimNode = z.output<typeof hbmPimNodeSchema>;

/** The component config an HBM-PIM device is built from (PimGeometry carries the same fields). */
export interface HbmPimConfig {
  standard?: string;
  channels: number;
  banksPerChannel: number;
  pageBytes: number;
  /** MACs per bank per COMP. */
  compCoverage: number;
}

/** HBM2's fixed levels: 2 pseudo-channels ("ranks"), 4 banks per bank group (§2). */
const RANKS = HBM2_ORG.ranks;
const BANKS_PER_GROUP = HBM2_ORG.banksPerGroup;

/**
 * The organisation a config asks for, as an override of HBM2_ORG. `channels` is the channel
 * count; `banksPerChannel` keeps HBM2's 2 pseudo-channels and 4 banks per group and sets the bank
 * groups (32 banks = 2 × 4 × 4), so it must be a multiple of 8; `pageBytes` is the row of one bank,
 * `columns` × 64 B transactions (BL4 × 128 bit: a 1 KB page is 16 of them = 64 columns of 16 B), so
 * it must be a multiple of 64. Rows stay 32768 (the system layer's row layout depends on it).
 */
export function hbmPimOrg(c: HbmPimConfig, path = 'memory'): Partial<DramOrg> {
  const bad = (key: string, msg: string): never => {
    throw new HetsimError('config_invalid', msg, `${path}.${key}`);
  };
  if (!(Number.isInteger(c.channels) && c.channels > 0)) bad('channels', `${c.channels} channels: must be a positive integer`);
  const perGroup = RANKS * BANKS_PER_GROUP;
  if (!(Number.isInteger(c.banksPerChannel) && c.banksPerChannel > 0 && c.banksPerChannel % perGroup === 0)) {
    bad('banks_per_channel', `${c.banksPerChannel} banks cannot be organised as HBM2's ${RANKS} pseudo-channels × bank groups × ${BANKS_PER_GROUP} banks; accepted: a multiple of ${perGroup} (8, 16, 24, 32, …; default 32 = 2 × 4 × 4)`);
  }
  const tx = HBM2_ORG.txBytes;
  if (!(Number.isInteger(c.pageBytes) && c.pageBytes > 0 && c.pageBytes % tx === 0)) {
    bad('page_bytes', `${c.pageBytes} B is not a whole number of ${tx} B transactions (BL4 × 128 bit); accepted: a multiple of ${tx} (… 512, 1024 (default), 2048)`);
  }
  if (!(Number.isInteger(c.compCoverage) && c.compCoverage > 0)) bad('comp_coverage', `${c.compCoverage}: must be a positive integer (MACs per bank per COMP)`);
  return { channels: c.channels, ranks: RANKS, bankGroups: c.banksPerChannel / perGroup, banksPerGroup: BANKS_PER_GROUP, columns: c.pageBytes / tx };
}

/** `memory:` node → HbmPimConfig, checked (a HetsimError at `memory.<key>`). */
export function hbmPimConfigFromNode(n: HbmPimNode, path = 'memory'): HbmPimConfig {
  const c: HbmPimConfig = { standard: n.standard, channels: n.channels, banksPerChannel: n.banks_per_channel, pageBytes: n.page_bytes, compCoverage: n.comp_coverage };
  lookup(PIM_STANDARDS, c.standard ?? 'HBM2-PIM', `${path}.standard`);
  hbmPimOrg(c, path);
  return c;
}

export interface HbmPimBuildOptions {
  /** PIM buffer mode, or null for plain DRAM of the same organisation (the NPU-only baseline). */
  pim: PimBufferMode | null;
  streamWindow?: number;
  path?: string;
}

/** Builds the device of `c` (FR-FCFS, rorabgbachco, all-bank refresh) and, with `pim`, its engines. */
export function buildHbmPim(c: HbmPimConfig, sim: Simulator, opts: HbmPimBuildOptions): PimMemory {
  const path = opts.path ?? 'memory';
  const org = hbmPimOrg(c, path);
  const std = lookup(PIM_STANDARDS, c.standard ?? 'HBM2-PIM', `${path}.standard`);
  const spec = opts.pim ? std.pim(opts.pim, {}, org) : lookup(STANDARDS, std.plain, `${path}.standard`)({}, org);
  const device = new HbmDevice({
    spec,
    sim,
    mapper: lookup(ADDR_MAPPERS, 'rorabgbachco', `${path}.addressMapping`)(spec.org),
    makeScheduler: lookup(SCHEDULERS, 'FRFCFS', `${path}.scheduler.impl`),
    dualBuffer: opts.pim ? opts.pim === 'dual' : true,
    streamWindow: opts.streamWindow,
  });
  const pim = opts.pim ? attachPim(device, { mode: opts.pim, fused: opts.pim === 'dual', compCoverage: c.compCoverage }) : null;
  return { device, pim };
}
