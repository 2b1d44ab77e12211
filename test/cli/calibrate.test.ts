/** `hetsim calibrate`: fit, --check, --fit-on, -o and --json as a user runs them; bad input rejected. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../scratch.js';
import { expectBadInput, hetsim, tempFile } from './harness.js';

const H100 = 'models/hardware/measurements/h100-kernels-hetsim.json';

describe('hetsim calibrate', () => {
  it('--check scores the shipped calibration per model and per kernel class', () => {
    const r = hetsim(['calibrate', '--measurements', H100, '-H', 'h100-sxm', '--check']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The numbers of test/systems/roofline/calibration-h100.test.ts, as the table prints them.
    expect(r.stdout).toMatch(/^Llama-2-13b\s+scored\s+159\s+4\.0%\s+29\.4%\s+18\s+0\.7%\s+29\.8%$/m);
    expect(r.stdout).toMatch(/^per kernel class, op median \|err\| \(kernels\)$/m);
    expect(r.stdout).toMatch(/^gemm(\s+\d+\.\d% \(63\)){4}$/m);
  });

  it('fits with models held out, writes a preset that loads and equals the shipped one, and --json agrees', () => {
    const out = join(scratchDir(), 'h100-refit.yaml');
    const args = ['calibrate', '--measurements', H100, '-H', 'h100-sxm', '--fit-on', 'Llama-2-7b', '--fit-on', 'Llama-2-70b'];
    const r = hetsim([...args, '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^fitted 8 kernel classes for h100-sxm:$/m);
    expect(r.stdout).toMatch(/^Llama-2-13b\s+held-out\s/m);
    expect(r.stdout).toMatch(/^Llama-2-70b\s+fit\s/m);
    const written = readFileSync(out, 'utf8');
    // The header says what measured the calibration, when, and how well it fits; the base preset's
    // datasheet header and its old calibration comment are gone; the fields' own comments stay.
    const header = written.slice(0, written.indexOf('\nname:'));
    expect(header).toContain('# NVIDIA H100 SXM5 80GB: the hardware preset models/hardware/h100-sxm.yaml with an achievable roofline (calibration:) fitted by `hetsim calibrate`.');
    expect(header).toContain(`#   measurements: ${H100} (NVIDIA H100 80GB HBM3), measured 2026-11-27\n`);
    expect(header).toContain('#   fitted on: Llama-2-7b, Llama-2-70b (318 kernels; the file\'s 689.1 TFLOP/s GEMM and 3.09 TB/s read as anchors)');
    expect(header).toMatch(/^# {5}Llama-2-13b {3}held-out {2}4\.0% \/ 0\.7% {2}\(datasheet roofline 29\.4% \/ 29\.8%\)$/m);
    expect(header).toMatch(/^# {5}Llama-2-70b {3}fit {7}2\.8% \/ 1\.7% /m);
    expect(header).toContain(`#   written by: hetsim calibrate --measurements ${H100} -H h100-sxm --fit-on Llama-2-7b --fit-on Llama-2-70b -o ${out}`);
    expect(written).not.toContain('Dense peaks (NVIDIA prints');
    expect(written).not.toContain('# Achievable roofline fitted by:');
    expect(written).toContain('bandwidth: "3.35 TB/s" # HBM3, datasheet (3,350 GB/s)');
    // Same inputs, same bytes: no clock in the header.
    expect(hetsim([...args, '-o', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(written);
    const shipped = readFileSync('models/hardware/h100-sxm.yaml', 'utf8');
    const block = (t: string) => t.slice(t.indexOf('  classes:'));
    expect(block(written)).toBe(block(shipped));
    // The written file is a working hardware preset: calibrated mode runs on it.
    const run = hetsim(['roofline', '-m', 'llama-2-13b', '-H', out, '--stage', 'decode', '--batch', '8', '--seq', '1024', '--mode', 'calibrated', '--json']);
    expect(run.code).toBe(0);
    const viaShipped = hetsim(['roofline', '-m', 'llama-2-13b', '-H', 'h100-sxm', '--stage', 'decode', '--batch', '8', '--seq', '1024', '--mode', 'calibrated', '--json']);
    expect(JSON.parse(run.stdout).totals).toEqual(JSON.parse(viaShipped.stdout).totals);
    const json = JSON.parse(hetsim([...args, '--json']).stdout);
    expect(json.hardware).toBe('h100-sxm');
    expect(json.scores.map((s: { model: string }) => s.model)).toEqual(['Llama-2-7b', 'Llama-2-13b', 'Llama-3.1-8B', 'Llama-2-70b']);
    expect(json.calibration.classes.gemm.samples).toBe(126);
  });

  it('-o with a measurement file that records no date says so, and lists every model as fitted', () => {
    const out = join(scratchDir(), 'v100-vidur.yaml');
    const r = hetsim(['calibrate', '--measurements', 'models/hardware/measurements/a100-vidur.json', '-H', 'v100', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const written = readFileSync(out, 'utf8');
    expect(written).toContain('#   measurements: models/hardware/measurements/a100-vidur.json (NVIDIA A100 80GB (Vidur profiling, folder a100)), measurement date not recorded in a100-vidur.json\n');
    expect(written).toContain('#   fitted on: all models of the file (182 kernels; no microbenchmark anchors)');
    expect(written).toMatch(/^# {5}Llama-2-7b-tp8 {3}fit {7}\d+\.\d% \/ n\/a /m);
    expect(written).not.toContain("Dense peaks from NVIDIA's V100 datasheet");
  });

  it('rejects a --fit-on model the file does not have, naming the ones it has', () => {
    const r = hetsim(['calibrate', '--measurements', H100, '-H', 'h100-sxm', '--fit-on', 'Llama-2-13B']);
    expectBadInput(r, /--fit-on/);
    expect(r.stderr).toContain('Llama-2-13b');
  });

  it('rejects a measurement without its timing, naming the field', () => {
    const file = tempFile('bad.json', JSON.stringify({ models: {}, ops: [{ model: 'x', stage: 'decode', op: 'q_proj', M: 1, K: 8, N: 8 }] }));
    expectBadInput(hetsim(['calibrate', '--measurements', file, '-H', 'h100-sxm']), /ops\[0\]\.us/);
  });

  it('--check on a device without a calibration says how to make one', () => {
    const r = hetsim(['calibrate', '--measurements', H100, '-H', 'v100', '--check']);
    expectBadInput(r, /--hardware: hardware 'v100' has no calibration to check/);
    expect(r.stderr).toContain(`hetsim calibrate --measurements ${H100} --hardware v100 -o FILE.yaml`);
  });
});
