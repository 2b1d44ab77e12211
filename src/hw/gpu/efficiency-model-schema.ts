/** zod schema of a hardware preset's `calibration:` block (see efficiency-model.ts). */
import { z } from 'zod';
import { KERNEL_CLASSES, type ClassParams, type EfficiencyModel } from './efficiency-model.js';

const fraction = z.number().gt(0).max(1.5);
export const classParamsSchema = z.strictObject({
  floor_us: z.number().min(0),
  overhead_us: z.number().min(0),
  compute_eff: fraction,
  memory_eff: fraction,
  /** Number of measurements the class was fitted on. */
  samples: z.number().int().min(0),
  /** Median |relative error| on those measurements. */
  fit_median_error: z.number().min(0),
});

export const efficiencyModelSchema = z.strictObject({
  method: z.literal('per-class-roofline-v1'),
  /** What data the numbers were fitted on (file, device, model shapes). */
  fitted_on: z.string(),
  /** How the software stack the measurements came from runs kernels. */
  kernel_stack: z.strictObject({
    /** Unfused attention reads K/V expanded to all query heads (eager repeat_kv). */
    unfused_attention_expands_kv: z.boolean(),
  }),
  classes: z.partialRecord(z.enum(KERNEL_CLASSES), classParamsSchema),
});


// Keep the hand-written interfaces and the schema in step: a mismatch fails the type check.
export const _classParamsCheck: z.ZodType<ClassParams> = classParamsSchema;
export const _efficiencyModelCheck: z.ZodType<EfficiencyModel> = efficiencyModelSchema as z.ZodType<EfficiencyModel>;
