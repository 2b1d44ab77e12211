/**
 * An FPGA accelerator board from its preset (models/fpga/<id>.yaml): DSP kind and count, SLRs,
 * BRAM/URAM, HBM pseudo-channels with per-channel bandwidth and same-/cross-channel efficiency,
 * DDR, board power and price. Counts a vendor does not publish are left out (`resources_known`).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readConfigFile } from '../../config/read-file.js';
import { validate } from '../../config/validate.js';
import { HetsimError } from '../../errors.js';

const pos = z.number().positive();
const frac = z.number().gt(0).max(1);

export const fpgaPresetSchema = z.strictObject({
  name: z.string().min(1),
  kind: z.literal('fpga'),
  source: z.string().min(1),
  dsp: z.strictObject({ kind: z.enum(['DSP48E2', 'DSP58']), count: z.number().int().positive().optional(), int8_macs_per_dsp: z.number().int().positive() }),
  slrs: z.number().int().positive(),
  bram36: z.number().int().positive().optional(),
  uram: z.number().int().positive().optional(),
  hbm: z.strictObject({
    pseudo_channels: z.number().int().positive(),
    channel_gbps: pos,
    capacity_gb: pos,
    same_channel_efficiency: frac,
    cross_channel_efficiency: frac,
  }),
  ddr: z.strictObject({ channels: z.number().int().positive(), channel_gbps: pos, capacity_gb: pos }).optional(),
  power_w: pos.optional(),
  power_source: z.string().optional(),
  price_usd: pos.optional(),
  price_source: z.string().optional(),
  resources_known: z.boolean(),
});

export type FpgaPreset = z.infer<typeof fpgaPresetSchema>;

export interface FpgaDevice extends FpgaPreset {
  id: string;
  /** Nominal HBM bandwidth, B/s. */
  hbmPeakBps: number;
  /** One pseudo-channel's nominal bandwidth, B/s. */
  channelBps: number;
}

/** BRAM36 and URAM capacities in bytes (UG573: 36 Kb, 288 Kb). */
export const BRAM36_BYTES = 36 * 1024 / 8;
export const URAM_BYTES = 288 * 1024 / 8;

export function fpgaDeviceFromPreset(p: FpgaPreset, id: string): FpgaDevice {
  const channelBps = p.hbm.channel_gbps * 1e9;
  return { ...p, id, channelBps, hbmPeakBps: channelBps * p.hbm.pseudo_channels };
}

export function fpgaPresetIds(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'gpu-baselines.yaml').map((f) => f.slice(0, -5)).sort() : [];
}

/** `ref` is a preset id under `dir` or a YAML path; an unknown id lists the known ones. */
export async function loadFpgaDevice(ref: string, dir: string, path = 'device'): Promise<FpgaDevice> {
  const ids = fpgaPresetIds(dir);
  const file = ids.includes(ref) ? join(dir, `${ref}.yaml`) : /\.(ya?ml|json)$/i.test(ref) ? ref : null;
  if (!file || !existsSync(file)) {
    throw new HetsimError('unknown_id', `unknown FPGA device '${ref}'; accepted: ${ids.join(', ')} or a preset file path`, path);
  }
  const raw = await readConfigFile(file, 'FPGA device');
  return fpgaDeviceFromPreset(validate(fpgaPresetSchema, raw, `FPGA device ${file}`), ids.includes(ref) ? ref : file);
}
