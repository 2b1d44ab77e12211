/**
 * `hetsim sweep --queue` + `hetsim worker` on a real Redis (BullMQ): the results are the local
 * sweep's, line for line; crashes and hangs are retried by BullMQ and then recorded as failed;
 * the producer killed mid-run and rerun loses and duplicates nothing; bad input and a down Redis
 * are exit 2 with nothing written. See test/sweep/redis-harness.ts for where the Redis comes from.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultLine } from '../../src/sweep/config-hash.js';
import { planSweep } from '../../src/sweep/plan.js';
import { expectBadInput, hetsim, ROOT, tempFile } from '../cli/harness.js';
import { scratchDir } from '../scratch.js';
import { redisAvailable, startTestRedis, type TestRedis } from './redis-harness.js';

const BIN = join(ROOT, 'bin', 'hetsim.js');
const read = (dir: string): string => (existsSync(join(dir, 'results.jsonl')) ? readFileSync(join(dir, 'results.jsonl'), 'utf8') : '');
const lines = (dir: string): ResultLine[] => read(dir).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as ResultLine);
const sorted = (dir: string): string[] => read(dir).trim().split('\n').sort();
const spec = (axes: string, extra = ''): string => tempFile('spec.yaml', `kind: roofline\nbase: {model: llama-2-7b, hardware: h100-sxm, stage: decode}\n${extra}axes:\n${axes}`);

interface Proc {
  code: Promise<number | null>;
  stderr: () => string;
  kill: () => void;
}
function start(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  return { code: new Promise((res) => child.on('close', (c) => res(c))), stderr: () => err, kill: () => child.kill('SIGKILL') };
}

// locally without redis-server the queue tests skip; under .ci/run they must run (see the harness)
describe.skipIf(!redisAvailable() && !process.env.HETSIM_REQUIRE_REDIS)('hetsim sweep --queue with hetsim worker (BullMQ on Redis)', () => {
  let redis: TestRedis;
  let n = 0;
  const queue = () => ['--queue', redis.url, '--queue-name', `test-${process.pid}-${++n}`];
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(() => redis?.stop());

  it('two worker processes serve one sweep: the same results.jsonl as a local sweep, each config once', async () => {
    const s = spec('  batch: {from: 1, to: 64, factor: 2}\n  seq: [512, 1024, 2048]\n', 'modes: [ideal, calibrated]\n');
    const local = join(scratchDir(), 'local');
    expect(hetsim(['sweep', s, '-o', local, '--workers', '1', '--progress=false']).code).toBe(0);
    const out = join(scratchDir(), 'queued');
    const q = queue();
    const producer = start(['sweep', s, '-o', out, '--progress=false', ...q]);
    const workers = [start(['worker', ...q, '--workers', '1', '--idle-exit-s', '1']), start(['worker', ...q, '--workers', '1', '--idle-exit-s', '1'])];
    expect(await producer.code, producer.stderr()).toBe(0);
    expect(producer.stderr()).toMatch(/42 configs: 42 ok, 0 failed, 0 skipped/);
    for (const w of workers) expect(await w.code, w.stderr()).toBe(0);
    // together they ran every job once (BullMQ hands each job to whichever worker asks first)
    const okCounts = workers.map((w) => Number(/stopped: (\d+) ok/.exec(w.stderr())?.[1]));
    expect(okCounts.reduce((a, b) => a + b, 0)).toBe(42);
    expect(sorted(out)).toEqual(sorted(local));
  });

  it('a try that crashes is retried by BullMQ; one that always crashes, or hangs past --timeout-s, becomes a failed line', async () => {
    const s = spec('  batch: [1, 2, 4, 8]\n');
    const [crash, hang, once] = (await planSweep(s)).configs.map((c) => c.hash);
    const out = join(scratchDir(), 'faults');
    const q = queue();
    const producer = start(['sweep', s, '-o', out, '--progress=false', '--retries', '1', '--timeout-s', '2', ...q]);
    const worker = start(['worker', ...q, '--workers', '2', '--idle-exit-s', '1'], { HETSIM_SWEEP_FAULT: `crash:${crash},hang:${hang},crash-once:${once}` });
    expect(await producer.code, producer.stderr()).toBe(0);
    expect(await worker.code, worker.stderr()).toBe(0);
    const by = new Map(lines(out).map((l) => [l.hash, l]));
    expect(by.size).toBe(4);
    expect(by.get(crash)).toMatchObject({ status: 'failed', error: { code: 'worker_crash', message: 'worker exited with code: 1 (2 tries)' } });
    expect(by.get(hang)).toMatchObject({ status: 'failed', error: { code: 'timeout', message: 'no result within 2 s (worker terminated), 2 tries' } });
    expect(by.get(once)?.status).toBe('ok');
    expect(producer.stderr()).toMatch(/4 configs: 2 ok, 2 failed/);
  }, 60_000);

  it('the producer killed with SIGKILL mid-run, then rerun: what the workers finished meanwhile is collected, every config once', async () => {
    const s = spec('  batch: {from: 1, to: 30, step: 1}\n  seq: {from: 128, to: 2560, step: 128}\n', 'modes: [ideal]\n');
    const total = 600;
    const out = join(scratchDir(), 'killed');
    const q = queue();
    const worker = start(['worker', ...q, '--workers', '1', '--idle-exit-s', '2']);
    const producer = start(['sweep', s, '-o', out, '--progress=false', ...q]);
    const deadline = Date.now() + 30_000;
    while (lines(out).length < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    producer.kill();
    await producer.code;
    const partial = lines(out).length;
    expect(partial).toBeGreaterThanOrEqual(20);
    expect(partial).toBeLessThan(total);
    const rerun = start(['sweep', s, '-o', out, '--progress=false', ...q]);
    expect(await rerun.code, rerun.stderr()).toBe(0);
    expect(rerun.stderr()).toContain(`${total} configs: ${total - partial} ok, 0 failed, ${partial} skipped`);
    expect(await worker.code, worker.stderr()).toBe(0);
    const hashes = lines(out).map((l) => l.hash);
    expect(hashes).toHaveLength(total);
    expect(new Set(hashes).size).toBe(total);
  }, 90_000);
});

describe('hetsim sweep --queue / hetsim worker: bad input, exit 2, nothing written', () => {
  const s = () => spec('  batch: [1, 2]\n');
  it('a Redis that is down names --queue and the address; no output folder is made', () => {
    const out = join(scratchDir(), 'never');
    expectBadInput(hetsim(['sweep', s(), '-o', out, '--queue', 'redis://127.0.0.1:1']), /--queue: cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(.*ECONNREFUSED.*\); start one/);
    expect(existsSync(out)).toBe(false);
    expectBadInput(hetsim(['worker', '--queue', 'redis://127.0.0.1:1']), /--queue: cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  });
  it('a URL that is not redis:// names the accepted form', () => {
    expectBadInput(hetsim(['sweep', s(), '-o', join(scratchDir(), 'x'), '--queue', 'http://localhost:6379']), /--queue: expected a Redis URL: redis:\/\/host:port\[\/db\] \(or rediss:\/\/ for TLS\), got 'http:\/\/localhost:6379'/);
  });
  it('--workers with --queue says where workers are set; --queue-name without --queue is refused; a bad queue name', () => {
    expectBadInput(hetsim(['sweep', s(), '--queue', 'redis://127.0.0.1:1', '--workers', '2']), /--workers: with --queue the jobs run in `hetsim worker` processes/);
    expectBadInput(hetsim(['sweep', s(), '--queue-name', 'q1']), /--queue-name: is used with --queue URL only/);
    expectBadInput(hetsim(['worker', '--queue', 'redis://127.0.0.1:1', '--queue-name', 'a:b']), /--queue-name: expected letters, digits/);
    expectBadInput(hetsim(['worker', '--queue', 'redis://127.0.0.1:1', '--workers', '1.5']), /--workers: expected an integer >= 1, got 1\.5/);
    expectBadInput(hetsim(['worker', '--queue', 'redis://127.0.0.1:1', '--idle-exit-s', '-1']), /--idle-exit-s: expected a number >= 0, got -1/);
  });
});
