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
    expect(written).toContain('# NVIDIA H100 SXM5 80 GB'); // the base preset's comments are kept
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
