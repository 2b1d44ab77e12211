/**
 * Sweep spec files (`models/sweeps/*.yaml`, `hetsim sweep SPEC.yaml`): a base scenario of one
 * registered system and the scenario keys to vary. Strict: an unknown key is an error with the
 * nearest valid one. Values of axes are checked later, point by point, by the system's own `load`.
 */
import { z } from 'zod';
import { readConfigFile } from '../config/read-file.js';
import { validate } from '../config/validate.js';

/** Inclusive arithmetic range: from, from + step, … up to `to`. */
const stepRange = z.strictObject({ from: z.number(), to: z.number(), step: z.number() });
/** Inclusive geometric range: from, from × factor, … up to `to`. */
const factorRange = z.strictObject({ from: z.number(), to: z.number(), factor: z.number() });

export const axisSchema = z
  .union([z.array(z.unknown()).min(1, 'an axis needs at least one value'), stepRange, factorRange])
  .describe('a list of values, or a range {from, to, step} / {from, to, factor} (both ends inclusive)');

const FILTER_OPS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'in'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

/** `{key: batch, le: 32}`: keep the points whose value of `key` passes; exactly one op per filter. */
const filterSchema = z
  .strictObject({
    key: z.string().min(1).describe('an axis key, a key of the base scenario (dotted for nested keys), or `mode`'),
    eq: z.unknown().optional(),
    ne: z.unknown().optional(),
    lt: z.number().optional(),
    le: z.number().optional(),
    gt: z.number().optional(),
    ge: z.number().optional(),
    in: z.array(z.unknown()).min(1).optional(),
  })
  .refine((f) => FILTER_OPS.filter((op) => op in f).length === 1, { message: `a filter has exactly one of ${FILTER_OPS.join(', ')}` });

export const DEFAULT_MAX_CONFIGS = 100_000;

export const sweepSpecSchema = z.strictObject({
  title: z.string().optional(),
  /** A registered system id (`roofline`, `neupims`). */
  kind: z.string().min(1).describe('a registered system id: roofline, neupims, …'),
  /** A scenario path (relative to the spec file) or id under models/scenarios/, or the scenario inline. */
  base: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).describe('scenario path relative to this file, id under models/scenarios/, or the scenario inline'),
  /** Modes each point runs in; default: the point's own scenario mode. */
  modes: z.array(z.string().min(1)).min(1).optional(),
  /** Scenario key (dotted for nested keys) → values; the product is taken in this order (first = slowest). */
  axes: z.record(z.string().min(1), axisSchema).optional(),
  /** Groups of keys whose values advance together (each group is one more dimension of the product). */
  zip: z.array(z.record(z.string().min(1), axisSchema)).optional(),
  where: z.array(filterSchema).optional(),
  max_configs: z.number().int().positive().optional().describe(`most configs a sweep may run (default ${DEFAULT_MAX_CONFIGS}; --max-configs overrides)`),
});

export type SweepSpec = z.infer<typeof sweepSpecSchema>;
export type AxisValues = z.infer<typeof axisSchema>;
export type Filter = z.infer<typeof filterSchema>;

export function filterOp(f: Filter): FilterOp {
  return FILTER_OPS.find((op) => op in f)!;
}

export async function readSweepSpec(path: string): Promise<SweepSpec> {
  const raw = await readConfigFile(path, 'sweep spec');
  return validate(sweepSpecSchema, raw, `sweep spec ${path}`);
}
