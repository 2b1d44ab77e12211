/**
 * NPU parameters as shipped with the NeuPIMs simulator (`configs/systolic_ws_128x128_dev.json`).
 * Every default cites spec `neupims.md` §2 (architecture) or §3 (timing model).
 */
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
