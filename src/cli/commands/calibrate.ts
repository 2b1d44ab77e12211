/** `hetsim calibrate`: fit a device's achievable roofline from measured kernels, or score one. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { readConfigFile, readText } from '../../config/read-file.js';
import { HetsimError } from '../../errors.js';
import { KERNEL_CLASSES } from '../../hw/gpu/efficiency-model.js';
import { deviceFromObject } from '../../hw/hardware-preset.js';
import { calibrationOf } from '../../systems/roofline/evaluate.js';
import { anchorsFrom, fitEfficiencyModel, scoreCalibration, type CalibrationScore } from '../../systems/roofline/calibrate.js';
import { parseMeasurementFile } from '../../systems/roofline/measurements.js';
import { loadDevice, presetDir } from '../../systems/preset-registry.js';

function pct(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : 'n/a';
}

export function formatScores(scores: CalibrationScore[], fitOn: string[] | undefined): string {
  const lines = ['model            role      ops  op median |err|  (roofline)  layers  layer median |err|  (roofline)'];
  for (const s of scores) {
    const role = fitOn === undefined ? 'scored' : fitOn.includes(s.model) ? 'fit' : 'held-out';
    lines.push(
      `${s.model.padEnd(16)} ${role.padEnd(8)} ${String(s.ops).padStart(4)}  ${pct(s.op_median_error).padStart(15)}  ${pct(s.roofline_op_median_error).padStart(10)}  ${String(s.layers).padStart(6)}  ${pct(s.layer_median_error).padStart(18)}  ${pct(s.roofline_layer_median_error).padStart(10)}`,
    );
  }
  return `${lines.join('\n')}\n\n${formatByClass(scores)}`;
}

/** Median |error| per kernel class and model: where a model misses (launch floors, softmax, GEMM tiles). */
function formatByClass(scores: CalibrationScore[]): string {
  const width = Math.max(14, ...scores.map((s) => s.model.length + 2));
  const lines = [`per kernel class, op median |err| (kernels)\n${'class'.padEnd(18)}${scores.map((s) => s.model.padStart(width)).join('')}`];
  for (const cls of KERNEL_CLASSES) {
    if (!scores.some((s) => s.by_class[cls])) continue;
    const cells = scores.map((s) => {
      const c = s.by_class[cls];
      return (c ? `${pct(c.median_error)} (${c.n})` : '-').padStart(width);
    });
    lines.push(`${cls.padEnd(18)}${cells.join('')}`);
  }
  return `${lines.join('\n')}\n`;
}

export function calibrateCommand(setExit: (c: number) => void): CommandModule {
  return {
    command: 'calibrate',
    describe: 'fit (or --check) a device\'s achievable-roofline efficiency model from measured kernel timings',
    builder: (y: Argv) =>
      y
        .option('measurements', { type: 'string', demandOption: true, describe: 'kernel timings JSON (format of shared/data/h200-kernels-llama2.json)' })
        .option('hardware', { alias: 'H', type: 'string', demandOption: true, describe: 'hardware preset id or YAML the measurements were taken on' })
        .option('output', { alias: 'o', type: 'string', describe: 'write the hardware preset with the fitted `calibration:` here' })
        .option('fit-on', { type: 'array', string: true, describe: 'fit only on these models of the file (the rest are scored as held-out)' })
        .option('check', { type: 'boolean', default: false, describe: 'do not fit: score the device\'s existing calibration against the measurements' })
        .option('json', { type: 'boolean', default: false, describe: 'print the calibration and scores as JSON' })
        .example('$0 calibrate --measurements h200.json -H h200 --fit-on Llama-2-7b', 'fit on 7B, score 70B as held-out')
        .example('$0 calibrate --measurements h200-13b.json -H h200 --check', 'score the shipped calibration on new timings'),
    handler: async (argv) => {
      const a = argv as Record<string, unknown>;
      const mPath = String(a.measurements);
      const file = parseMeasurementFile(await readConfigFile(mPath, 'measurements'), mPath);
      const hwRef = String(a.hardware);
      const dev = await loadDevice(hwRef, '--hardware');
      const fitOn = a['fit-on'] as string[] | undefined;
      if (fitOn) {
        for (const m of fitOn) {
          if (!file.ops.some((o) => o.model === m)) {
            throw new HetsimError('config_invalid', `no measurements for model '${m}' in ${mPath} (it has: ${[...new Set(file.ops.map((o) => o.model))].join(', ')})`, '--fit-on');
          }
        }
      }
      if (a.check) {
        if (dev.calibration === undefined) {
          throw new HetsimError('config_invalid', `hardware '${dev.id}' has no calibration to check; fit one with \`hetsim calibrate --measurements ${mPath} --hardware ${hwRef} -o FILE.yaml\``, '--hardware');
        }
        const scores = scoreCalibration(file, dev, calibrationOf(dev));
        process.stdout.write(a.json ? `${JSON.stringify({ hardware: dev.id, scores }, null, 2)}\n` : formatScores(scores, undefined));
        setExit(0);
        return;
      }
      const fittedOn = `${mPath.split('/').pop()} (${fitOn ? fitOn.join(', ') : 'all models'}; ${file.device?.name ?? dev.name})`;
      const cal = fitEfficiencyModel(file, dev, { models: fitOn, fittedOn, anchors: anchorsFrom(file, dev) });
      const scores = scoreCalibration(file, dev, cal);
      if (a.output !== undefined) await writeCalibratedPreset(hwRef, String(a.output), cal);
      if (a.json) process.stdout.write(`${JSON.stringify({ hardware: dev.id, calibration: cal, scores }, null, 2)}\n`);
      else {
        process.stdout.write(`fitted ${Object.keys(cal.classes).length} kernel classes for ${dev.id}:\n`);
        for (const [cls, p] of Object.entries(cal.classes)) {
          process.stdout.write(`  ${cls.padEnd(18)} floor ${p.floor_us} us, overhead ${p.overhead_us} us, compute ${pct(p.compute_eff)}, memory ${pct(p.memory_eff)} (n=${p.samples})\n`);
        }
        process.stdout.write(formatScores(scores, fitOn));
        if (a.output !== undefined) process.stdout.write(`wrote ${a.output}\n`);
      }
      setExit(0);
    },
  };
}

/** Copy the base preset (comments kept) with `calibration:` replaced, validated, written atomically. */
async function writeCalibratedPreset(hwRef: string, out: string, cal: unknown): Promise<void> {
  const presetPath = join(presetDir('hardware'), `${hwRef}.yaml`);
  const base = existsSync(presetPath) ? presetPath : hwRef;
  const YAML = await import('yaml');
  const doc = YAML.parseDocument(readText(base, 'hardware'));
  doc.set('calibration', doc.createNode(cal));
  const text = doc.toString({ lineWidth: 0 });
  await deviceFromObject(YAML.parse(text), out, out); // never write a preset that would not load
  const { writeFileAtomic } = await import('../../report/atomic-write.js');
  await writeFileAtomic(out, text);
}
