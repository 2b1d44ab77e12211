/**
 * FlightLLM scenario YAML (`models/scenarios/flightllm-*.yaml`): device and model, the design
 * compiled onto the device (parallelism, buffers, clock, implemented resources), the bit and
 * sparsity plan, lengths, and toggles. Every object is strict: an unknown key is an error naming it.
 */
import { z } from 'zod';
import { validate } from '../../config/validate.js';
import { HetsimError } from '../../errors.js';
import { checkN } from '../../hw/fpga/csd-chain.js';

export const LINEAR_OPS = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj', 'lm_head'] as const;
export type LinearName = (typeof LINEAR_OPS)[number];
export const WEIGHT_BITS = [2, 3, 4, 8] as const;

const posInt = z.number().int().positive();
const parallelism = z.strictObject({ n: posInt, k: posInt, m: posInt.default(1) });
/** Per-linear values with a default: `{default: 4, q_proj: 3}`. */
const perOp = <T extends z.ZodType<number>>(v: T) => z.strictObject({ default: v, ...Object.fromEntries(LINEAR_OPS.map((o) => [o, v.optional()])) } as { default: T } & Record<LinearName, z.ZodOptional<T>>);

export const designSchema = z.strictObject({
  /** Design clock (FlightLLM runs at 225 MHz on U280). */
  freq_mhz: z.number().positive().default(225),
  /** MM-mode MPE parallelism per SLR (demo config: N 2 × K 16 × M 128). */
  mm: parallelism.default({ n: 2, k: 16, m: 128 }),
  /** MV-mode parallelism per SLR, or `auto`: eq. 3, the smallest that saturates the SLR's HBM channels at INT8. */
  mv: z.union([z.literal('auto'), parallelism]).default('auto'),
  /** Output columns of one MV weight tile (demo MV_START_N_NUM). */
  mv_tile_cols: posInt.default(512),
  sfu_lanes: posInt.default(16),
  /** On-chip buffers per SLR, KiB (demo: A buffer 4096 × 64 B × 8 channels in MV mode, B buffer 4096 × 32 B, global 512 × 16 B × 16 banks × 8). */
  weight_buffer_kib: posInt.default(2048),
  act_buffer_kib: posInt.default(128),
  global_buffer_kib: posInt.default(1024),
  /** HBM pseudo-channels each SLR's weights and KV are striped over (demo: 8). */
  channels_per_slr: posInt.default(8),
  /** Cycles a SYS barrier takes once every SLR has arrived (demo SYS: 1). */
  sync_cycles: posInt.default(1),
  /** Resources the implemented build uses (checked against the device; absent = derived from the design). */
  resources: z.strictObject({ dsp: posInt.optional(), bram36: posInt.optional(), uram: posInt.optional() }).default({}),
});

export const scenarioSchema = z.strictObject({
  system: z.literal('flightllm'),
  name: z.string().optional(),
  /** An FPGA preset id under models/fpga/ or a preset file. */
  device: z.string().min(1),
  model: z.string().min(1),
  /** SLRs that run (default: all of the device's). */
  slrs: posInt.optional(),
  prefill: z.number().int(),
  decode: z.number().int(),
  /** Time one decode step at this context (what the demo's decode_token_C cases time). */
  decode_step: posInt.optional(),
  /** Decode contexts simulated instruction by instruction; steps between them are interpolated. */
  decode_samples: posInt.default(3),
  design: designSchema.prefault({}),
  precision: z
    .strictObject({ weight_bits: perOp(z.number().int()).default({ default: 4 }), kv_bits: z.union([z.literal(4), z.literal(8), z.literal(16)]).default(8) })
    .default({ weight_bits: { default: 4 }, kv_bits: 8 }),
  sparsity: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** N of N:16 per linear. */
      n_of_16: perOp(z.number().int()).default({ default: 16 }),
      /** Fraction of the causal 64-token attention block grid kept (block-sparse masks). */
      attention_block_density: z.number().gt(0).max(1).default(1),
    })
    .default({ enabled: true, n_of_16: { default: 16 }, attention_block_density: 1 }),
  always_on_chip: z.boolean().default(true),
  length_buckets: z.strictObject({ enabled: z.boolean().default(true), prefill: posInt.default(128), decode: posInt.default(16) }).default({ enabled: true, prefill: 128, decode: 16 }),
});

export type FlightScenarioFile = z.infer<typeof scenarioSchema>;

export function parseFlightScenario(raw: unknown, label: string): FlightScenarioFile {
  const s = validate(scenarioSchema, raw, label);
  for (const [op, b] of Object.entries(s.precision.weight_bits)) {
    if (b !== undefined && !(WEIGHT_BITS as readonly number[]).includes(b)) {
      throw new HetsimError('config_invalid', `weight bits ${b} are not a dequantiser mode; accepted: ${WEIGHT_BITS.join(', ')}`, `precision.weight_bits.${op}`);
    }
  }
  for (const [op, n] of Object.entries(s.sparsity.n_of_16)) if (n !== undefined) checkN(n, `sparsity.n_of_16.${op}`);
  if (s.prefill < 1) throw new HetsimError('config_invalid', `a prefill of ${s.prefill} tokens: accepted a positive integer (at least one prompt token)`, 'prefill');
  if (s.decode < 0) throw new HetsimError('config_invalid', `a decode of ${s.decode} tokens: accepted a non-negative integer`, 'decode');
  return s;
}

export const bitsOf = (s: FlightScenarioFile, op: LinearName): number => s.precision.weight_bits[op] ?? s.precision.weight_bits.default;
export const nOf = (s: FlightScenarioFile, op: LinearName): number => (s.sparsity.enabled ? (s.sparsity.n_of_16[op] ?? s.sparsity.n_of_16.default) : 16);
