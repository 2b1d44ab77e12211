/** Issue #2's held-out check of a calibration, shared by the per-device calibration tests. */
import { expect } from 'vitest';
import type { CalibrationScore } from '../../../src/systems/roofline/calibrate.js';

/**
 * Each model: all 159 kernels and 18 decoder blocks scored; per-op median |error| ≤ 10% and per-layer-sum
 * median ≤ 7% (issue #2's targets); and at least 3× better than the datasheet roofline per op.
 */
export function expectHeldOutTargets(scores: CalibrationScore[], models: string[]): void {
  for (const model of models) {
    const s = scores.find((x) => x.model === model);
    expect(s, model).toBeDefined();
    expect(s!.ops, model).toBe(159);
    expect(s!.layers, model).toBe(18);
    expect(s!.op_median_error, model).toBeLessThanOrEqual(0.10);
    expect(s!.layer_median_error, model).toBeLessThanOrEqual(0.07);
    expect(s!.op_median_error * 3, model).toBeLessThan(s!.roofline_op_median_error);
  }
}
