/**
 * Hardware preset files (`models/hardware/*.yaml`): schema and resolution to a DeviceSpec.
 * A file with only `name`, `bandwidth` and `peak` is a valid custom device.
 */
import { z } from 'zod';
import { parseQuantity, type QuantityKind } from '../config/units.js';
import { validate } from '../config/validate.js';
import { HetsimError } from '../errors.js';
import { DTYPES, type DeviceSpec, type Dtype } from './device.js';
import { efficiencyModelSchema } from './gpu/efficiency-model-schema.js';

/** A number in the field's SI unit, or a unit string ("3.35 TB/s"). */
const quantity = z.union([z.number(), z.string()], { error: 'expected a number or a unit string' });

const peakShape = Object.fromEntries(DTYPES.map((d) => [d, quantity.optional()])) as Record<Dtype, z.ZodOptional<typeof quantity>>;

export const hardwareFileSchema = z.strictObject({
  name: z.string().min(1),
  source: z.string().optional(),
  bandwidth: quantity.describe('off-chip memory bandwidth, e.g. "3.35 TB/s"'),
  capacity: quantity.optional().describe('device memory, e.g. "80 GiB"'),
  peak: z.strictObject(peakShape).describe('dense peak per dtype, e.g. {bf16: "989.4 TFLOP/s"}'),
  onchip: quantity.optional().describe('on-chip buffer, e.g. "50 MB"'),
  tdp: quantity.optional().describe('board power, e.g. "700 W"'),
  interconnect: z
    .strictObject({ bandwidth: quantity, latency: quantity })
    .optional()
    .describe('per-direction device-to-device link used by collectives'),
  price: z.number().positive().optional().describe('list price, USD'),
  calibration: efficiencyModelSchema.optional().describe('achievable-roofline model written by `hetsim calibrate`'),
});
export type HardwareFile = z.infer<typeof hardwareFileSchema>;

/** Plausible ranges: outside them a value is almost certainly a unit mistake. */
const RANGES: Record<string, [number, number, QuantityKind]> = {
  bandwidth: [1e6, 1e16, 'bandwidth'],
  capacity: [1e6, 1e16, 'bytes'],
  onchip: [1e3, 1e12, 'bytes'],
  tdp: [0.1, 1e5, 'power'],
  peak: [1e6, 1e19, 'rate'],
  'interconnect.bandwidth': [1e6, 1e15, 'bandwidth'],
  'interconnect.latency': [0, 1, 'time'],
};

async function resolve(value: unknown, field: string, label: string, rangeKey = field): Promise<number> {
  const [lo, hi, kind] = RANGES[rangeKey];
  let v: number;
  try {
    v = await parseQuantity(value, kind, field);
  } catch (e) {
    throw e instanceof HetsimError ? new HetsimError(e.code, `${e.detail} (in ${label})`, e.path) : e;
  }
  if (!(v >= lo && v <= hi) || (v === 0 && lo > 0)) {
    throw new HetsimError('config_invalid', `${v} ${kind === 'rate' ? 'OP/s' : ''} is outside the plausible range [${lo}, ${hi}] (SI units); check the unit (in ${label})`.replace('  ', ' '), field);
  }
  return v;
}

/** `label` names the file in messages (a path, or e.g. "models/hardware/h100-sxm.yaml"). */
export async function deviceFromObject(raw: unknown, id: string, label: string): Promise<DeviceSpec> {
  const where = `hardware preset ${label}`;
  const f = validate(hardwareFileSchema, raw, where);
  const peak: Partial<Record<Dtype, number>> = {};
  for (const d of DTYPES) if (f.peak[d] !== undefined) peak[d] = await resolve(f.peak[d], `peak.${d}`, where, 'peak');
  if (Object.keys(peak).length === 0) {
    throw new HetsimError('config_invalid', `at least one dtype peak is required, e.g. {fp16: "312 TFLOP/s"} (in ${where})`, 'peak');
  }
  const dev: DeviceSpec = { id, name: f.name, bandwidth: await resolve(f.bandwidth, 'bandwidth', where), peak };
  if (f.source !== undefined) dev.source = f.source;
  if (f.capacity !== undefined) dev.capacity = await resolve(f.capacity, 'capacity', where);
  if (f.onchip !== undefined) dev.onchip = await resolve(f.onchip, 'onchip', where);
  if (f.tdp !== undefined) dev.tdp = await resolve(f.tdp, 'tdp', where);
  if (f.interconnect !== undefined) {
    dev.interconnect = {
      bandwidth: await resolve(f.interconnect.bandwidth, 'interconnect.bandwidth', where),
      latency: await resolve(f.interconnect.latency, 'interconnect.latency', where),
    };
  }
  if (f.price !== undefined) dev.price = f.price;
  if (f.calibration !== undefined) dev.calibration = f.calibration;
  return dev;
}
