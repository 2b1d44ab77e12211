/**
 * NPU parameters as shipped with the NeuPIMs simulator (`configs/systolic_ws_128x128_dev.json`).
 * Every default cites spec `neupims.md` §2 (architecture) or §3 (timing model).
 */
import { z } from 'zod';
import { ClockDomain } from '../../sim/clock-domain.js';

export type VectorOp = 'add' | 'mul' | 'exp' | 'gelu' | 'addTree' | 'scalarSqrt' | 'scalarAdd' | 'scalarMul';

export interface NpuConfig {
  /** Systolic array height and width (PEs); weight-stationary. §2 `core_width/height`. */
  saHeight: number;
  saWidth: number;
  /** Arrays per core. §2: modelled by dividing each GEMM's streaming time by this count, never the preload. */
  saCount: number;
  /** Core clock, Hz. §2 `core_freq` = 1000 MHz. */
  freqHz: number;
  /** Vector pipelines and lanes per pipeline. §2 `vector_core_count/width` = 8 × 128. */
  vectorUnits: number;
  vectorLanes: number;
  /** Per-op vector latency in cycles per iteration. §2: all 1 cycle. */
  vectorLatency: Record<VectorOp, number>;
  /** Bytes per element. §2: FP16. */
  precisionBytes: number;
  /** Scratchpad bytes. §2: `sram_size` 134218 KB for spad and accumulator; half usable (double buffer). */
  sramBytes: number;
  /**
   * How vector instructions occupy the vector units. `reference`: as the public simulator does
   * (`NeuPIMSystolicWS::issue_ex_inst`): one instruction issues per cycle from each program's queue and
   * is stamped start = now, so rows overlap without limit once their data is in. `pipelines`: each of
   * the `vectorUnits` pipelines runs one row at a time (the hardware the configuration describes).
   */
  vectorIssue: 'reference' | 'pipelines';
}

export const DEFAULT_NPU: NpuConfig = {
  saHeight: 128,
  saWidth: 128,
  saCount: 8,
  freqHz: 1e9,
  vectorUnits: 8,
  vectorLanes: 128,
  vectorLatency: { add: 1, mul: 1, exp: 1, gelu: 1, addTree: 1, scalarSqrt: 1, scalarAdd: 1, scalarMul: 1 },
  precisionBytes: 2,
  sramBytes: 134218 * 1024,
  vectorIssue: 'reference',
};

/** Peak MAC per cycle (§2 derived: 8 × 128 × 128 = 131,072). */
export function peakMacPerCycle(c: NpuConfig): number {
  return c.saCount * c.saHeight * c.saWidth;
}

/** The core's clock domain (§2 core_freq; `freqHz` 1e9 = 1000 MHz, a 1000 ps period). */
export function npuClock(c: NpuConfig, path = 'npu.freq_mhz'): ClockDomain {
  return new ClockDomain('npu', c.freqHz / 1e6, path);
}

/**
 * The scenario's `npu:` node (snake_case, units in the names). Defaults are §2's
 * `configs/systolic_ws_128x128_dev.json`; `npuConfigFromNode` builds the NpuConfig.
 */
export const npuNodeSchema = z
  .strictObject({
    sa_height: z.number().int().positive().default(128), // §2 core_height
    sa_width: z.number().int().positive().default(128), // §2 core_width
    sa_count: z.number().int().positive().default(8), // §2 "8 systolic arrays"
    freq_mhz: z.number().positive().default(1000), // §2 core_freq
    vector_units: z.number().int().positive().default(8), // §2 vector_core_count
    vector_lanes: z.number().int().positive().default(128), // §2 vector_core_width
    sram_kib: z.number().positive().default(134218), // §2 sram_size
    // `reference`: one vector instruction issued per cycle, rows overlapping without limit, as the public
    // simulator times them; `pipelines`: 8 units each running one row at a time (NpuConfig.vectorIssue)
    vector_issue: z.enum(['reference', 'pipelines']).default('reference'),
  })
  .default({ sa_height: 128, sa_width: 128, sa_count: 8, freq_mhz: 1000, vector_units: 8, vector_lanes: 128, sram_kib: 134218, vector_issue: 'reference' });

export type NpuNode = z.output<typeof npuNodeSchema>;

/** `npu:` node → NpuConfig; checks the clock (a HetsimError at `${path}.freq_mhz`). */
export function npuConfigFromNode(n: NpuNode, path = 'npu'): NpuConfig {
  const c: NpuConfig = {
    ...DEFAULT_NPU,
    saHeight: n.sa_height,
    saWidth: n.sa_width,
    saCount: n.sa_count,
    freqHz: n.freq_mhz * 1e6,
    vectorUnits: n.vector_units,
    vectorLanes: n.vector_lanes,
    sramBytes: n.sram_kib * 1024,
    vectorIssue: n.vector_issue,
  };
  npuClock(c, `${path}.freq_mhz`);
  return c;
}
