/**
 * scripts/measure-kernels.py (the PyTorch script that writes `hetsim calibrate` measurement files) plans
 * the kernels hetsim reads: its dry run, given timings, parses and assembles into complete decoder blocks,
 * and for Llama-2 7B / 70B it is the very kernel set of models/hardware/measurements/h200-kernels-llama2.json, ideal
 * flops and bytes included. Needs python3 (no PyTorch): skipped where there is none.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layerGroups, parseMeasurementFile } from '../../../src/systems/roofline/measurements.js';
import { scratchDir } from '../../scratch.js';

const SCRIPT = fileURLToPath(new URL('../../../scripts/measure-kernels.py', import.meta.url));
const SHARED = new URL('../../../models/hardware/measurements/h200-kernels-llama2.json', import.meta.url);
const OURS = new URL('../../../models/hardware/measurements/h200-kernels-hetsim.json', import.meta.url);
const python = spawnSync('python3', ['--version']).status === 0;

type Rec = Record<string, unknown>;
const key = (r: Rec) => ['model', 'stage', 'op', 'M', 'K', 'N', 'B', 'S', 'L'].map((k) => r[k] ?? '').join('|');

function dryRun(...models: string[]): { models: Record<string, unknown>; ops: Rec[] } {
  const out = join(scratchDir(), 'plan.json');
  const r = spawnSync('python3', [SCRIPT, '--dry-run', '-o', out, ...models.flatMap((m) => ['--model', m])], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8'));
}

describe.skipIf(!python)('scripts/measure-kernels.py kernel plan', () => {
  it('parses as a measurement file and forms 18 decoder blocks per model', () => {
    const plan = dryRun('llama-2-13b', 'llama-3.1-8b', 'Toy=1024,2816,8,2,4');
    const timed = { ...plan, ops: plan.ops.map((o) => ({ ...o, us: 10 })) };
    const file = parseMeasurementFile(timed, 'plan');
    const per = new Map<string, number>();
    for (const g of layerGroups(file)) per.set(g.model, (per.get(g.model) ?? 0) + 1);
    expect(Object.fromEntries(per)).toEqual({ 'Llama-2-13b': 18, 'Llama-3.1-8B': 18, Toy: 18 });
    expect(plan.models.Toy).toEqual({ hidden: 1024, ffn: 2816, heads: 8, kv_heads: 2, layers: 4 });
  });

  it('plans exactly the shipped H200 file\'s kernels for Llama-2 7B and 70B', () => {
    const shared = JSON.parse(readFileSync(SHARED, 'utf8')) as { ops: Rec[] };
    const mine = new Map(dryRun('llama-2-7b', 'llama-2-70b').ops.map((r) => [key(r), r]));
    expect(mine.size).toBe(shared.ops.length);
    for (const r of shared.ops) {
      const m = mine.get(key(r));
      expect(m, key(r)).toBeDefined();
      if (r.flops !== undefined) expect(m!.flops, key(r)).toBe(r.flops);
      if (r.bytes !== undefined) expect(m!.bytes, key(r)).toBe(r.bytes);
    }
  });

  it('the committed h200-kernels-hetsim.json holds every kernel the script plans for its models, timed', () => {
    const ours = JSON.parse(readFileSync(OURS, 'utf8')) as { ops: Rec[] };
    const plan = dryRun('llama-2-13b', 'llama-3.1-8b', 'llama-2-7b', 'llama-2-70b');
    expect(ours.ops.map(key)).toEqual(plan.ops.map(key));
    // Three runs of 3 passes for 13B and 8B, two for 7B and 70B; 'us' is the fastest pass (the script's rule).
    for (const o of ours.ops) {
      const passes = o.passes_us as number[];
      expect(passes.length, key(o)).toBe(['Llama-2-7b', 'Llama-2-70b'].includes(String(o.model)) ? 6 : 9);
      expect(o.us, key(o)).toBe(Math.min(...passes));
    }
  });

  it('a bad --model is one message and exit 2, as argparse\'s own errors are', () => {
    const r = spawnSync('python3', [SCRIPT, '--dry-run', '--model', 'no-such-model'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("no preset 'no-such-model'");
    expect(r.stderr).not.toContain('Traceback');
    const shape = spawnSync('python3', [SCRIPT, '--dry-run', '--model', 'Bad=1000,2816,7,2'], { encoding: 'utf8' });
    expect(shape.status).toBe(2);
    expect(shape.stderr).toContain('--model Bad=1000,2816,7,2: heads must divide hidden');
  });
});
