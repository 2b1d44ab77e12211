/** `hetsim calibrate`: fit a device's achievable roofline from measured kernels, or score one. */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { readConfigFile, readText } from '../../config/read-file.js';
import { HetsimError } from '../../errors.js';
import { KERNEL_CLASSES, type EfficiencyModel } from '../../hw/gpu/efficiency-model.js';
import { deviceFromObject } from '../../hw/hardware-preset.js';
import { calibrationOf } from '../../systems/roofline/evaluate.js';
import { anchorsFrom, fitEfficiencyModel, scoreCalibration, type CalibrationScore } from '../../systems/roofline/calibrate.js';
import { parseMeasurementFile, type MeasurementFile } from '../../systems/roofline/measurements.js';
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
        .option('measurements', { type: 'string', demandOption: true, describe: 'kernel timings JSON (format of models/hardware/measurements/*.json)' })
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
      if (a.output !== undefined) {
        const out = String(a.output);
        const header = calibrationHeader({ mPath, file, devName: dev.name, hwRef, fitOn, out, cal, scores });
        await writeCalibratedPreset(hwRef, out, cal, header);
      }
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

/** When the measurements were taken: the file's own date if it records one, else one in its file name. */
export function measurementDate(file: MeasurementFile, path: string): string {
  const f = file as Record<string, unknown>;
  const measured = typeof f.measured === 'object' && f.measured !== null ? (f.measured as Record<string, unknown>) : {};
  for (const v of [measured.date, f.date, f.measured_at, f.measured_on]) {
    if (typeof v === 'string' && v.trim() !== '') return `measured ${v.trim()}`;
  }
  const name = basename(path);
  const inName = /\d{4}-\d{2}-\d{2}/.exec(name);
  return inName ? `measured ${inName[0]} (date from the file name)` : `measurement date not recorded in ${name}`;
}

export interface HeaderInput {
  mPath: string;
  file: MeasurementFile;
  devName: string;
  hwRef: string;
  fitOn: string[] | undefined;
  out: string;
  cal: EfficiencyModel;
  scores: CalibrationScore[];
}

/**
 * The written preset's header: what measured the calibration (file, device, date), what it was
 * fitted on and how well it fits, and how to rerun it. Built from the inputs only (no clock), so
 * the same inputs write the same bytes.
 */
export function calibrationHeader(h: HeaderInput): string {
  const kernels = Object.values(h.cal.classes).reduce((n, c) => n + (c?.samples ?? 0), 0);
  const gemm = h.file.peaks?.gemm_bf16_tflops?.median ?? h.file.peaks?.gemm_fp16_tflops?.median;
  const read = h.file.peaks?.read_GBps?.median;
  const anchors = gemm !== undefined && read !== undefined ? `the file's ${gemm.toFixed(1)} TFLOP/s GEMM and ${(read / 1000).toFixed(2)} TB/s read as anchors` : 'no microbenchmark anchors';
  const width = Math.max(...h.scores.map((s) => s.model.length));
  const rows = h.scores.map((s) => {
    const role = h.fitOn === undefined || h.fitOn.includes(s.model) ? 'fit' : 'held-out';
    return `     ${s.model.padEnd(width)}  ${role.padEnd(8)}  ${pct(s.op_median_error)} / ${pct(s.layer_median_error)}  (datasheet roofline ${pct(s.roofline_op_median_error)} / ${pct(s.roofline_layer_median_error)})`;
  });
  const base = existsSync(join(presetDir('hardware'), `${h.hwRef}.yaml`)) ? `models/hardware/${h.hwRef}.yaml` : h.hwRef;
  const fitArgs = (h.fitOn ?? []).map((m) => ` --fit-on ${m}`).join('');
  return [
    ` ${h.devName}: the hardware preset ${base} with an achievable roofline (calibration:) fitted by \`hetsim calibrate\`.`,
    ` bandwidth, capacity, peak and the other figures are the base preset's, unchanged (see ${base} for their sources).`,
    ` calibration: fitted to measured kernel timings, not datasheet values:`,
    `   measurements: ${h.mPath} (${h.file.device?.name ?? 'device not named in the file'}), ${measurementDate(h.file, h.mPath)}`,
    `   fitted on: ${h.fitOn ? h.fitOn.join(', ') : 'all models of the file'} (${kernels} kernels; ${anchors})`,
    `   median |error| per op / per layer (sums over complete decoder blocks; n/a: the file has none):`,
    ...rows,
    `   written by: hetsim calibrate --measurements ${h.mPath} -H ${h.hwRef}${fitArgs} -o ${h.out}`,
  ].join('\n');
}

/**
 * Copy the base preset with `calibration:` replaced and `header` (a YAML comment body, one line
 * per line) in place of the base file's header and of the old calibration's comment, which
 * described other data. The fields' own comments are kept. Validated, written atomically.
 */
async function writeCalibratedPreset(hwRef: string, out: string, cal: unknown, header: string): Promise<void> {
  const presetPath = join(presetDir('hardware'), `${hwRef}.yaml`);
  const base = existsSync(presetPath) ? presetPath : hwRef;
  const YAML = await import('yaml');
  const doc = YAML.parseDocument(readText(base, 'hardware'));
  if (!YAML.isMap(doc.contents)) throw new HetsimError('config_invalid', `expected a mapping of preset fields in ${base}`, '--hardware');
  const first = doc.contents.items[0];
  if (first && YAML.isNode(first.key)) first.key.commentBefore = null;
  const old = doc.contents.items.find((p) => YAML.isScalar(p.key) && p.key.value === 'calibration');
  if (old && YAML.isNode(old.key)) old.key.commentBefore = null;
  doc.commentBefore = header;
  doc.set('calibration', doc.createNode(cal));
  const text = doc.toString({ lineWidth: 0 });
  await deviceFromObject(YAML.parse(text), out, out); // never write a preset that would not load
  const { writeFileAtomic } = await import('../../report/atomic-write.js');
  await writeFileAtomic(out, text);
}
