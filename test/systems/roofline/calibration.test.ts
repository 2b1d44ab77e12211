/**
 * Validation of the calibrated (achievable) roofline against real H200 kernel timings
 * (models/hardware/measurements/h200-kernels-llama2.json: 318 kernels of Llama-2 7B and 70B shapes, PyTorch 2.11,
 * CUDA 13.0). Targets: on held-out timings, per-op median |error| ≤ 10% and
 * per-layer-sum median |error| ≤ 7%; the datasheet roofline is ≈ 34% / 35% off there.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrationOf } from '../../../src/systems/roofline/evaluate.js';
import { anchorsFrom, fitEfficiencyModel, scoreCalibration } from '../../../src/systems/roofline/calibrate.js';
import { parseMeasurementFile } from '../../../src/systems/roofline/measurements.js';
import { loadDevice } from '../../../src/systems/preset-registry.js';

const DATA = new URL('../../../models/hardware/measurements/h200-kernels-llama2.json', import.meta.url);

describe('calibrated roofline vs measured H200 kernels', () => {
  const file = parseMeasurementFile(JSON.parse(readFileSync(DATA, 'utf8')), 'h200-kernels-llama2.json');

  it('fit on Llama-2-7B generalises to held-out Llama-2-70B (op ≤ 10%, layer ≤ 7%)', async () => {
    const dev = await loadDevice('h200');
    const cal = fitEfficiencyModel(file, dev, { models: ['Llama-2-7b'], fittedOn: 'test', anchors: anchorsFrom(file, dev) });
    const held = scoreCalibration(file, dev, cal).find((s) => s.model === 'Llama-2-70b')!;
    expect(held.ops).toBe(159);
    expect(held.layers).toBe(18);
    // Tolerance: issue #2's held-out targets. Measured when written: 5.0% per op, 1.1% per layer.
    expect(held.op_median_error).toBeLessThanOrEqual(0.10);
    expect(held.layer_median_error).toBeLessThanOrEqual(0.07);
    // The datasheet roofline on the same set, for scale (issue: ≈34% per op): the fit must beat it 3×.
    expect(held.roofline_op_median_error).toBeGreaterThan(0.25);
    expect(held.op_median_error * 3).toBeLessThan(held.roofline_op_median_error);
  });

  it('the shipped models/hardware/h200.yaml calibration scores within target on both models', async () => {
    const dev = await loadDevice('h200');
    for (const s of scoreCalibration(file, dev, calibrationOf(dev))) {
      // Measured when written: 7B 3.9% / 2.1%, 70B 5.1% / 1.2% (op / layer).
      expect(s.op_median_error, s.model).toBeLessThanOrEqual(0.10);
      expect(s.layer_median_error, s.model).toBeLessThanOrEqual(0.07);
    }
  });

  it('refitting reproduces the shipped calibration (it is fitted, not hand-tuned)', async () => {
    const dev = await loadDevice('h200');
    const shipped = calibrationOf(dev);
    const refit = fitEfficiencyModel(file, dev, { fittedOn: shipped.fitted_on, anchors: anchorsFrom(file, dev) });
    expect(refit.classes).toEqual(shipped.classes);
  });
});
