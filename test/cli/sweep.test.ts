/**
 * `hetsim sweep` end to end through the built CLI: the shipped specs, resumption after SIGKILL
 * (every config exactly once, no torn line, the same results as an uninterrupted run), worker
 * crashes and hangs (fault-injection hook), shards + merge, and bad input (exit 2, nothing written).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configHash, type ResultLine } from '../../src/sweep/config-hash.js';
import { planSweep } from '../../src/sweep/plan.js';
import { ROOFLINE_METRICS } from '../../src/systems/roofline/result.js';
import { scratchDir } from '../scratch.js';
import { expectBadInput, hetsim, ROOT, tempFile } from './harness.js';

const BIN = join(ROOT, 'bin', 'hetsim.js');
const read = (dir: string): string => readFileSync(join(dir, 'results.jsonl'), 'utf8');
const lines = (dir: string): ResultLine[] => read(dir).trim().split('\n').map((l) => JSON.parse(l) as ResultLine);
const sorted = (dir: string): string[] => read(dir).trim().split('\n').sort();
const rooflineSpec = (axes: string, extra = ''): string => tempFile('spec.yaml', `kind: roofline\nbase: {model: llama-2-7b, hardware: h100-sxm, stage: decode}\n${extra}axes:\n${axes}`);

describe('hetsim sweep: the shipped specs', () => {
  it('roofline-decode-grid: 112 ok lines keyed by their config hash, metrics only (no wall-clock); a rerun skips them all', () => {
    const out = join(scratchDir(), 'r');
    const r = hetsim(['sweep', 'models/sweeps/roofline-decode-grid.yaml', '-o', out, '--workers', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/hetsim: sweep: 112\/112 \(100%\)/);
    expect(r.stderr).toMatch(/112 configs: 112 ok, 0 failed, 0 skipped/);
    const ls = lines(out);
    expect(ls).toHaveLength(112);
    expect(new Set(ls.map((l) => l.hash)).size).toBe(112);
    for (const l of ls) {
      expect(Object.keys(l)).toEqual(['hash', 'system', 'mode', 'config', 'metrics', 'status', 'version']);
      expect(l.hash).toBe(configHash(l.system, l.mode, l.config));
      expect(Object.keys(l.metrics).sort()).toEqual(ROOFLINE_METRICS.map((m) => m.name).sort());
    }
    const before = read(out);
    const again = hetsim(['sweep', 'models/sweeps/roofline-decode-grid.yaml', '-o', out]);
    expect(again.stderr).toMatch(/112 configs: 0 ok, 0 failed, 112 skipped/);
    expect(read(out)).toBe(before);
  });

  it('neupims-batch validates (dry run); a tiny cycle-level sweep writes lines whose hash is their config`s', () => {
    const dry = hetsim(['sweep', 'models/sweeps/neupims-batch.yaml', '--dry-run', '-o', join(scratchDir(), 'none')]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toMatch(/4 configs, 0 already in .*, 4 to run \(dry run/);
    const spec = tempFile('np.yaml', `kind: neupims\nbase: ${join(ROOT, 'models/scenarios/neupims-gpt3-7b.yaml')}\nmodes: [npu-pim-naive]\naxes:\n  batch: [8, 16]\n  layers: [1]\n  steady_state_layers: [1]\n`);
    const out = join(scratchDir(), 'np');
    const r = hetsim(['sweep', spec, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const ls = lines(out);
    expect(ls.map((l) => [l.status, (l.config as { batch: number }).batch, l.mode]).sort()).toEqual([['ok', 16, 'npu-pim-naive'], ['ok', 8, 'npu-pim-naive']]);
    for (const l of ls) expect(l.hash).toBe(configHash(l.system, l.mode, l.config));
  });
});

describe('hetsim sweep: resumable, exactly once', () => {
  it('killed with SIGKILL mid-run, then rerun: every config once, no torn line, the results of an uninterrupted run', async () => {
    // 1,200 generate-stage configs on one worker: a few seconds, so the kill lands mid-run
    const spec = rooflineSpec('  batch: {from: 1, to: 30, step: 1}\n  seq: {from: 128, to: 2560, step: 128}\n', 'modes: [ideal, calibrated]\n');
    const total = 1200;
    const full = join(scratchDir(), 'full');
    expect(hetsim(['sweep', spec, '-o', full, '--progress=false']).code).toBe(0);
    expect(lines(full)).toHaveLength(total);

    const out = join(scratchDir(), 'killed');
    const child = spawn(process.execPath, [BIN, 'sweep', spec, '-o', out, '--workers', '1', '--progress=false'], { stdio: 'ignore' });
    const exited = new Promise((res) => child.on('exit', res));
    const deadline = Date.now() + 30_000;
    const count = () => (existsSync(join(out, 'results.jsonl')) ? read(out).split('\n').length - 1 : 0);
    while (count() < 20 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 5));
    child.kill('SIGKILL');
    await exited;
    const partial = count();
    expect(partial).toBeGreaterThanOrEqual(20);
    expect(partial).toBeLessThan(total);
    // and as if the kill had cut a write short
    const torn = '{"hash":"0123","system":"roo';
    appendFileSync(join(out, 'results.jsonl'), torn);

    const rerun = hetsim(['sweep', spec, '-o', out, '--progress=false']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain(`cut a torn last line (${torn.length} bytes)`);
    expect(rerun.stderr).toContain(`${total} configs: ${total - partial} ok, 0 failed, ${partial} skipped`);
    expect(read(out).endsWith('\n')).toBe(true);
    expect(new Set(lines(out).map((l) => l.hash)).size).toBe(total);
    expect(sorted(out)).toEqual(sorted(full));
  });

  it('a crashed and a hung worker: retried, recorded as failed, the rest completes; --strict exits 3; --retry-failed reruns them', async () => {
    const spec = rooflineSpec('  batch: [1, 2, 4, 8, 16, 32]\n');
    const plan = await planSweep(spec);
    const [crash, hang, once] = plan.configs.map((c) => c.hash);
    const out = join(scratchDir(), 'faults');
    const env = { ...process.env, HETSIM_SWEEP_FAULT: `crash:${crash},hang:${hang},crash-once:${once}` };
    const args = ['sweep', spec, '-o', out, '--workers', '2', '--timeout-s', '2', '--progress=false'];
    const r = spawnSync(process.execPath, [BIN, ...args, '--retries', '1'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/failed: batch=1 mode=ideal: worker_crash: worker exited with code: 1 \(2 tries\)/);
    expect(r.stderr).toMatch(/failed: batch=2 mode=ideal: timeout: no result within 2 s \(worker terminated\), 2 tries/);
    expect(r.stderr).toMatch(/6 configs: 4 ok, 2 failed, 0 skipped/);
    const byHash = new Map(lines(out).map((l) => [l.hash, l]));
    expect(byHash.size).toBe(6);
    expect(byHash.get(crash)).toMatchObject({ status: 'failed', metrics: {}, error: { code: 'worker_crash' }, config: { batch: 1, mode: 'ideal' } });
    expect(byHash.get(hang)).toMatchObject({ status: 'failed', error: { code: 'timeout' } });
    expect(byHash.get(once)).toMatchObject({ status: 'ok' });

    const strict = spawnSync(process.execPath, [BIN, ...args, '--strict'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    expect(strict.status).toBe(0); // nothing ran: the failures are recorded, and not retried without --retry-failed
    expect(strict.stderr).toMatch(/0 ok, 0 failed, 6 skipped/);
    const strictRetry = spawnSync(process.execPath, [BIN, ...args, '--strict', '--retry-failed', '--retries', '0'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    expect(strictRetry.status).toBe(3);
    const healed = hetsim(['sweep', spec, '-o', out, '--retry-failed', '--strict']);
    expect(healed.code, healed.stderr).toBe(0);
    expect(healed.stderr).toMatch(/6 configs: 2 ok, 0 failed, 4 skipped/);
    expect(lines(out).map((l) => l.status)).toEqual(Array(6).fill('ok'));
  });
});

describe('hetsim sweep: shards and merge', () => {
  it('--shard i/3 slices merge into the full sweep; merging the full run again collapses duplicates', () => {
    const spec = rooflineSpec('  batch: [1, 2, 4, 8]\n  seq: [256, 1024]\n', 'modes: [ideal, llm-viewer]\n');
    const root = scratchDir();
    expect(hetsim(['sweep', spec, '-o', join(root, 'full')]).code).toBe(0);
    const shards = [0, 1, 2].map((i) => {
      const r = hetsim(['sweep', spec, '-o', join(root, `s${i}`), '--shard', `${i}/3`]);
      expect(r.code, r.stderr).toBe(0);
      return lines(join(root, `s${i}`)).length;
    });
    expect(shards).toEqual([6, 5, 5]);
    const m = hetsim(['sweep', 'merge', join(root, 's0'), join(root, 's1'), join(root, 's2'), join(root, 'full'), '-o', join(root, 'merged')]);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stderr).toMatch(/16 results in .* \(16 duplicates collapsed\)/);
    expect(sorted(join(root, 'merged'))).toEqual(sorted(join(root, 'full')));
  });

  it('a conflicting duplicate (same hash, other metrics) is an error; nothing is written', () => {
    const spec = rooflineSpec('  batch: [1, 2]\n');
    const root = scratchDir();
    expect(hetsim(['sweep', spec, '-o', join(root, 'a')]).code).toBe(0);
    const bad = lines(join(root, 'a')).map((l) => ({ ...l, metrics: { ...l.metrics, time_s: 1 } }));
    const b = join(root, 'b');
    expect(hetsim(['sweep', spec, '-o', b]).code).toBe(0);
    writeFileSync(join(b, 'results.jsonl'), bad.map((l) => `${JSON.stringify(l)}\n`).join(''));
    const r = hetsim(['sweep', 'merge', join(root, 'a'), b, '-o', join(root, 'm')]);
    expectBadInput(r, /conflicting results for config [0-9a-f]{16} \(roofline ideal\)/);
    expect(existsSync(join(root, 'm'))).toBe(false);
  });
});

describe('hetsim sweep: bad input is one message, exit 2, nothing written', () => {
  const cases: [string, string, RegExp][] = [
    ['an unknown axis key (the system schema names it)', '  bach: [1, 2]\n', /axes\.bach: .*axes\.bach = 1 is invalid .*unknown key 'bach' in roofline scenario; did you mean 'batch'\?/],
    ['an invalid axis value', '  batch: [1, -4]\n', /axes\.batch: .*axes\.batch = -4 is invalid \(point batch=-4\): batch: expected a positive integer/],
    ['an empty axis', '  batch: []\n', /axes\.batch: an axis needs at least one value/],
    ['a range with step 0', '  batch: {from: 1, to: 8, step: 0}\n', /axes\.batch\.step: step 0 never gets from 1 to 8/],
    ['a range of the wrong sign', '  batch: {from: 8, to: 1, step: 2}\n', /axes\.batch\.step: step 2 goes away from 'to'/],
    ['an axis past max configs', '  batch: {from: 1, to: 200000, step: 1}\n', /axes\.batch: the range expands to 200000 values, more than the limit 100000/],
    ['a product past max configs', '  batch: {from: 1, to: 400, step: 1}\n  seq: {from: 1, to: 400, step: 1}\n', /axes: .*expands to 160000 configs, more than 100000/],
  ];
  for (const [what, axes, msg] of cases) {
    it(what, () => {
      const out = join(scratchDir(), 'out');
      expectBadInput(hetsim(['sweep', rooflineSpec(axes), '-o', out]), msg);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('--max-configs, an unknown spec key, a bad --shard, an unwritable output folder', () => {
    const spec = rooflineSpec('  batch: [1, 2, 4]\n');
    const out = join(scratchDir(), 'out');
    expectBadInput(hetsim(['sweep', spec, '-o', out, '--max-configs', '2']), /axes: .*expands to 3 configs, more than 2/);
    expectBadInput(hetsim(['sweep', tempFile('typo.yaml', 'kind: roofline\nbase: {model: llama-2-7b, hardware: h100-sxm}\naxis: {batch: [1]}\n'), '-o', out]), /unknown key 'axis' in sweep spec .*did you mean 'axes'\?/);
    expectBadInput(hetsim(['sweep', spec, '-o', out, '--shard', '3/3']), /--shard: expected i\/N/);
    expect(existsSync(out)).toBe(false);
    const file = tempFile('not-a-dir', '');
    expectBadInput(hetsim(['sweep', spec, '-o', join(file, 'out')]), /--out: cannot create the output folder/);
  });

  it('--help names the options and the exit codes', () => {
    const r = hetsim(['sweep', '--help']);
    expect(r.code).toBe(0);
    for (const s of ['--workers', '--shard', '--timeout-s', '--retries', '--max-configs', '--retry-failed', 'merge <dirs..>', 'Exit codes: 0']) expect(r.stdout).toContain(s);
  });
});
