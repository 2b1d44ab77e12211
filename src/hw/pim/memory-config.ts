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
 */
import { z } from 'zod';
import { HetsimError } from '../../errors.js';
import type { Simulator } from '../../sim/simulator.js';
import { HbmDevice } from '../dram/hbm-device.js';
import { ADDR_MAPPERS, lookup, SCHEDULERS, STANDARDS } from '../dram/registry.js';
import { HBM2_TIMING } from '../dram/standards/hbm2.js';
import { attachPim } from './attach-pim.js';
import { hbm2PimSpec } from './hbm2-pim.js';
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

export interface Memory {
  device: HbmDevice;
  /** One engine per channel, or null without `pim`. */
  pim: PimEngine[] | null;
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
