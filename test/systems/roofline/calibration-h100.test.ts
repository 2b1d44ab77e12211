/**
 * The H100 SXM calibration (models/hardware/h100-sxm.yaml) against the kernels it was fitted from:
 * models/hardware/measurements/h100-kernels-hetsim.json, measured by hetsim on one H100 SXM5 80GB with
 * scripts/measure-kernels.py (3 passes, fastest kept). The fit uses Llama-2 7B and 70B; the file's
 * Llama-2 13B and Llama-3.1 8B (GQA) are held out, as issue #2 asks of the H200 calibration.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrationOf } from '../../../src/systems/roofline/evaluate.js';
import { anchorsFrom, fitEfficiencyModel, scoreCalibration } from '../../../src/systems/roofline/calibrate.js';
import { parseMeasurementFile } from '../../../src/systems/roofline/measurements.js';
import { loadDevice } from '../../../src/systems/preset-registry.js';
import { expectHeldOutTargets } from './held-out-targets.js';

const DATA = new URL('../../../models/hardware/measurements/h100-kernels-hetsim.json', import.meta.url);
const file = parseMeasurementFile(JSON.parse(readFileSync(DATA, 'utf8')), 'h100-kernels-hetsim.json');
const FIT_ON = ['Llama-2-7b', 'Llama-2-70b'];

describe('calibrated roofline vs kernels hetsim measured on an H100 SXM', () => {
  it('the shipped calibration holds issue #2\'s held-out targets on Llama-2 13B and Llama-3.1 8B', async () => {
    const dev = await loadDevice('h100-sxm');
    // Tolerance: issue #2's held-out targets (per op ≤ 10%, per layer ≤ 7%). Measured when written:
    // 13B 4.0% / 0.7%, 8B 4.6% / 2.4% (datasheet roofline per op: 29.4%, 36.8%).
    expectHeldOutTargets(scoreCalibration(file, dev, calibrationOf(dev)), ['Llama-2-13b', 'Llama-3.1-8B']);
  });

  it('refitting on 7B and 70B reproduces the shipped calibration (it is fitted, not hand-tuned)', async () => {
    const dev = await loadDevice('h100-sxm');
    const shipped = calibrationOf(dev);
    const refit = fitEfficiencyModel(file, dev, { models: FIT_ON, fittedOn: shipped.fitted_on, anchors: anchorsFrom(file, dev) });
    expect(refit.classes).toEqual(shipped.classes);
  });
});
