import { readFileSync } from 'node:fs';
import { parseMeasurementFile } from './src/systems/roofline/measurements.ts';
import { fitEfficiencyModel, scoreCalibration } from './src/systems/roofline/calibrate.ts';
import { loadDevice } from './src/systems/preset-registry.ts';
const raw = JSON.parse(readFileSync('../shared/data/h200-kernels-llama2.json','utf8'));
const file = parseMeasurementFile(raw, 'x');
const dev = await loadDevice('h200');
for (const w of [0, 0.01, 0.03, 0.1, 0.3]) {
const anchors = { compute_eff: raw.peaks.gemm_bf16_tflops.median*1e12/989.4e12, memory_eff: raw.peaks.read_GBps.median*1e9/4.8e12, weight: w };
const cal = fitEfficiencyModel(file, dev, { models: ['Llama-2-7b'], fittedOn: '7b', anchors });
const sc = scoreCalibration(file, dev, cal);
console.log(w, sc.map(s => [s.model, s.op_median_error.toFixed(3), s.layer_median_error.toFixed(3)].join(' ')).join(' | '));
if (w==0.1) { console.log(JSON.stringify(cal.classes.gemm)); console.log(JSON.stringify(sc[1].by_class)); }
}
