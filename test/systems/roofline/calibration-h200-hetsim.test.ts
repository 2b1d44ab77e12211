/**
 * The shipped H200 calibration (models/hardware/h200.yaml, fitted on models/hardware/measurements/h200-kernels-llama2.json:
 * Llama-2 7B and 70B) scored on kernels hetsim measured itself on other H200 machines:
 * models/hardware/measurements/h200-kernels-hetsim.json, written by scripts/measure-kernels.py with the
 * shared file's method (three runs of 3 passes, each kernel's fastest pass kept). Llama-2 13B and
 * Llama-3.1 8B are shapes the fit never saw: issue #2's held-out check (per-op median |error| ≤ 10%,
 * per-layer-sum median ≤ 7%), on real timings.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrationOf } from '../../../src/systems/roofline/evaluate.js';
import { anchorsFrom, fitEfficiencyModel, scoreCalibration } from '../../../src/systems/roofline/calibrate.js';
import { layerGroups, parseMeasurementFile } from '../../../src/systems/roofline/measurements.js';
import { loadDevice } from '../../../src/systems/preset-registry.js';
import { expectHeldOutTargets } from './held-out-targets.js';

const DATA = new URL('../../../models/hardware/measurements/h200-kernels-hetsim.json', import.meta.url);
const file = parseMeasurementFile(JSON.parse(readFileSync(DATA, 'utf8')), 'h200-kernels-hetsim.json');

describe('shipped H200 calibration vs kernels hetsim measured on other H200s', () => {
  it('holds issue #2\'s held-out targets on Llama-2 13B and Llama-3.1 8B (unseen shapes, unseen machine)', async () => {
    const dev = await loadDevice('h200');
    // Tolerance: issue #2's held-out targets. Measured when written: 13B 7.1% / 3.2%, 8B 7.1% / 5.9%
    // (datasheet roofline: 34.6% / 31.7% and 48.3% / 51.7%).
    expectHeldOutTargets(scoreCalibration(file, dev, calibrationOf(dev)), ['Llama-2-13b', 'Llama-3.1-8B']);
  });

  it('a fit on this file\'s Llama-2 7B alone carries to its 13B, 8B and 70B', async () => {
    const dev = await loadDevice('h200');
    const cal = fitEfficiencyModel(file, dev, { models: ['Llama-2-7b'], fittedOn: 'test', anchors: anchorsFrom(file, dev) });
    for (const s of scoreCalibration(file, dev, cal).filter((x) => x.model !== 'Llama-2-7b')) {
      // Tolerance: issue #2's held-out targets. Measured when written: 13B 3.6% / 1.7%, 8B 4.2% / 1.8%,
      // 70B 3.9% / 2.5% (op / layer).
      expect(s.op_median_error, s.model).toBeLessThanOrEqual(0.10);
      expect(s.layer_median_error, s.model).toBeLessThanOrEqual(0.07);
    }
  });

  it('every model of the file assembles into 18 complete decoder blocks', () => {
    const per = new Map<string, number>();
    for (const g of layerGroups(file)) per.set(g.model, (per.get(g.model) ?? 0) + 1);
    expect(Object.fromEntries(per)).toEqual({ 'Llama-2-13b': 18, 'Llama-3.1-8B': 18, 'Llama-2-7b': 18, 'Llama-2-70b': 18 });
  });
});
