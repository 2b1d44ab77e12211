/**
 * GPU baselines for the energy and cost comparison: measured ones from models/fpga/gpu-baselines.yaml
 * (kept as data with their source) and, beside each, the roofline analyzer's estimate for the same
 * GPU (ideal mode: peak bandwidth, no kernel overheads, so it is faster than any measurement).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { readConfigFile } from '../../config/read-file.js';
import { validate } from '../../config/validate.js';
import { runRoofline } from '../roofline/run.js';
import { loadDevice } from '../preset-registry.js';
import { FPGA_DIR } from './resolve.js';

const baselineSchema = z.strictObject({
  baselines: z.array(
    z.strictObject({ id: z.string(), hardware: z.string(), stack: z.string(), tokens_per_s: z.number().positive(), power_w: z.number().positive(), price_usd: z.number().positive(), source: z.string() }),
  ),
});

export interface GpuBaseline {
  id: string;
  hardware: string;
  stack: string;
  source: string;
  measured: { tokens_per_s: number; power_w: number; price_usd: number; tokens_per_joule: number };
  /** The roofline analyzer on the same GPU at W8A8KV8, batch 1, the run's mean decode context, with the GPU preset's TDP. */
  roofline: { tokens_per_s: number; power_w: number | null; tokens_per_joule: number | null; mode: 'ideal' };
  /** FlightLLM's tokens/J over the measured baseline's (null without a board power). */
  energy_efficiency_ratio: number | null;
  /** FlightLLM's tokens/s/$ over the measured baseline's (null without a board price). */
  cost_efficiency_ratio: number | null;
}

export async function gpuBaselines(model: string, meanContext: number, flight: { tokens_per_s: number; power_w: number | null; price_usd: number | null }): Promise<GpuBaseline[]> {
  const raw = await readConfigFile(join(FPGA_DIR, 'gpu-baselines.yaml'), 'GPU baselines');
  const file = validate(baselineSchema, raw, 'models/fpga/gpu-baselines.yaml');
  const out: GpuBaseline[] = [];
  for (const b of file.baselines) {
    const [r, dev] = await Promise.all([
      runRoofline({ model, hardware: b.hardware, stage: 'decode', batch: 1, seq: Math.max(1, Math.round(meanContext)), gen: 1, bits: { w: 8, a: 8, kv: 8 }, flash: false, tp: 1, mode: 'ideal' }),
      loadDevice(b.hardware),
    ]);
    const rfTps = 1 / r.totals.time_s;
    const tdp = dev.tdp ?? null;
    const measuredTpj = b.tokens_per_s / b.power_w;
    out.push({
      id: b.id,
      hardware: b.hardware,
      stack: b.stack,
      source: b.source,
      measured: { tokens_per_s: b.tokens_per_s, power_w: b.power_w, price_usd: b.price_usd, tokens_per_joule: measuredTpj },
      roofline: { tokens_per_s: rfTps, power_w: tdp, tokens_per_joule: tdp ? rfTps / tdp : null, mode: 'ideal' },
      energy_efficiency_ratio: flight.power_w ? flight.tokens_per_s / flight.power_w / measuredTpj : null,
      cost_efficiency_ratio: flight.price_usd ? flight.tokens_per_s / flight.price_usd / (b.tokens_per_s / b.price_usd) : null,
    });
  }
  return out;
}
