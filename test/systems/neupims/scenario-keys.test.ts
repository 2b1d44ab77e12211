/**
 * No scenario setting is silently ignored: for every documented key of the NeuPIMs scenario, a
 * changed value either changes the simulated result or is rejected with a HetsimError whose path
 * or message names the key. Reference: models/scenarios/neupims-gpt3-7b.yaml cut to batch 16 and
 * one layer (about 2 s a run); keys that only act with more layers or another mode change the
 * reference the same way on both sides of the comparison.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readConfigFile } from '../../../src/config/read-file.js';
import { HetsimError } from '../../../src/errors.js';
import { loadRequests } from '../../../src/systems/neupims/load-requests.js';
import type { NeupimsResult } from '../../../src/systems/neupims/neupims-result.js';
import { parseScenario, resolveScenario } from '../../../src/systems/neupims/scenario.js';
import { simulateNeupims } from '../../../src/systems/neupims/simulate-neupims.js';
import { ROOT } from './harness.js';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PATH = resolve(ROOT, 'models/scenarios/neupims-gpt3-7b.yaml');
let REF: Raw;
const cache = new Map<string, NeupimsResult>();

async function simulate(raw: Raw): Promise<NeupimsResult> {
  const key = JSON.stringify(raw);
  const hit = cache.get(key);
  if (hit) return hit;
  const s = await resolveScenario(parseScenario(raw, PATH));
  const r = simulateNeupims(s, loadRequests(s)).result;
  cache.set(key, r);
  return r;
}

/** The reference with `edit` applied to a deep copy. */
function variant(edit: (r: Raw) => void, base: Raw = REF): Raw {
  const r = structuredClone(base);
  edit(r);
  return r;
}

async function expectChanges(edit: (r: Raw) => void, base: Raw = REF): Promise<void> {
  const ref = await simulate(base);
  const got = await simulate(variant(edit, base));
  expect(got).not.toEqual(ref);
}

async function expectRejected(edit: (r: Raw) => void, key: string): Promise<HetsimError> {
  let err: unknown = null;
  try {
    await simulate(variant(edit));
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(HetsimError);
  const h = err as HetsimError;
  expect(h.path === key || h.message.includes(key), `${h.path}: ${h.message}`).toBe(true);
  return h;
}

beforeAll(async () => {
  const file = (await readConfigFile(PATH, 'scenario')) as Raw;
  REF = { ...file, batch: 16, layers: 1, steady_state_layers: 1 };
  await simulate(REF);
}, 60_000);

describe('top-level keys', () => {
  it('name is a label: it only appears in output, the result is the same', async () => {
    expect(await simulate(variant((r) => (r.name = 'another label')))).toEqual(await simulate(REF));
  });

  it('system: only neupims is accepted', async () => {
    await expectRejected((r) => (r.system = 'roofline'), 'system');
  });

  it('model changes the result; an unknown model is rejected', async () => {
    await expectChanges((r) => (r.model = 'gpt3-13b'));
    await expectRejected((r) => (r.model = 'no-such-model'), 'model');
  });

  it('parallelism.tp changes the result; one that does not divide the heads is rejected', async () => {
    await expectChanges((r) => (r.parallelism.tp = 8));
    await expectRejected((r) => (r.parallelism.tp = 3), 'parallelism.tp');
  });

  it('parallelism.pp changes the result (the device holds layers / pp)', async () => {
    // with `layers: all`, pp sets how many layers the step has; mode naive simulates one of them
    const all = variant((r) => ((r.layers = 'all'), (r.mode = 'npu-pim-naive')));
    await expectChanges((r) => (r.parallelism.pp = 2), all);
  });

  it('batch changes the result; more than the trace holds is rejected', async () => {
    await expectChanges((r) => (r.batch = 8));
    await expectRejected((r) => (r.batch = 100_000), 'batch');
  });

  it('layers changes the result', async () => {
    await expectChanges((r) => (r.layers = 'all'));
  });

  it('steady_state_layers changes the result (how many layers are simulated before extrapolating)', async () => {
    const all = variant((r) => ((r.layers = 'all'), (r.mode = 'npu-pim-naive')));
    await expectChanges((r) => (r.steady_state_layers = 2), all);
  });

  it('steps changes the result', async () => {
    await expectChanges((r) => (r.steps = 2));
  });

  it('placement changes the result', async () => {
    await expectChanges((r) => (r.placement = 'rr'));
    await expectRejected((r) => (r.placement = 'random'), 'placement');
  });

  it('mode changes the result', async () => {
    await expectChanges((r) => (r.mode = 'npu-pim-naive'));
    await expectRejected((r) => (r.mode = 'tpu'), 'mode');
  });

  it('requests: another trace changes the result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hetsim-keys-'));
    const csv = join(dir, 'short.csv');
    writeFileSync(csv, ['seq_len,ch_idx', ...Array.from({ length: 16 }, (_, i) => `${64 + i},${i}`)].join('\n') + '\n');
    await expectChanges((r) => (r.requests = csv));
  });

  it('requests.dataset / seed / placement (a generated snapshot) each change the result', async () => {
    const gen = variant((r) => (r.requests = { dataset: 'traces/request-lengths/sharegpt.tsv', seed: 1, placement: 'clb' }));
    await expectChanges((r) => (r.requests.dataset = 'traces/request-lengths/alpaca.tsv'), gen);
    await expectChanges((r) => (r.requests.seed = 2), gen);
    await expectChanges((r) => (r.requests.placement = 'rr'), gen);
  }, 60_000);
});

describe('gpu.* (the gpu mode\'s device)', () => {
  const gpu = (): Raw => variant((r) => (r.mode = 'gpu'));
  it('gpu.hardware changes the result', async () => {
    await expectChanges((r) => (r.gpu = { hardware: 'h100-sxm' }), gpu());
  });
  it('gpu.mode changes the result', async () => {
    await expectChanges((r) => (r.gpu = { mode: 'ideal' }), gpu());
  });
  it('gpu.flash changes the result', async () => {
    await expectChanges((r) => (r.gpu = { flash: false }), gpu());
  });
});

describe('npu.*', () => {
  const changes: Array<[string, unknown]> = [
    ['sa_height', 64],
    ['sa_width', 64],
    ['sa_count', 4],
    ['freq_mhz', 500],
    ['vector_units', 4],
    ['vector_lanes', 64],
    ['sram_kib', 16384],
    ['vector_issue', 'pipelines'],
  ];
  for (const [key, value] of changes) {
    it(`npu.${key}: ${JSON.stringify(value)} changes the result`, async () => {
      await expectChanges((r) => (r.npu[key] = value));
    });
  }

  it('npu.freq_mhz changes the NPU-vs-DRAM timing, not only the cycle unit', async () => {
    const ref = await simulate(REF);
    const half = await simulate(variant((r) => (r.npu.freq_mhz = 500)));
    // the DRAM keeps its 1 GHz: at half the NPU clock a memory-bound step takes fewer NPU cycles
    // but more than half as many, and fewer tokens per second
    expect(half.step_cycles).toBeLessThan(ref.step_cycles);
    expect(half.step_cycles).toBeGreaterThan(ref.step_cycles / 2);
    expect(half.tokens_per_s).toBeLessThan(ref.tokens_per_s);
  });

  it('npu.freq_mhz: a clock the kernel cannot represent is rejected', async () => {
    await expectRejected((r) => (r.npu.freq_mhz = 2e6), 'npu.freq_mhz');
    await expectRejected((r) => (r.npu.freq_mhz = -1), 'npu.freq_mhz');
  });

  it('an unknown npu key is rejected', async () => {
    await expectRejected((r) => (r.npu.sa_depth = 4), 'npu.sa_depth');
  });
});

describe('memory.*', () => {
  it('memory.standard: only HBM2-PIM is modelled', async () => {
    await expectRejected((r) => (r.memory.standard = 'HBM3'), 'memory.standard');
  });

  it('memory.channels changes the result (the device is built with that many channels)', async () => {
    await expectChanges((r) => (r.memory.channels = 64));
  });

  it('memory.banks_per_channel changes the result; one that is not 2 × groups × 4 is rejected', async () => {
    await expectChanges((r) => (r.memory.banks_per_channel = 16));
    const e = await expectRejected((r) => (r.memory.banks_per_channel = 12), 'memory.banks_per_channel');
    expect(e.message).toMatch(/multiple of 8/);
  });

  it('memory.page_bytes changes the result; a page that is not whole 64 B bursts is rejected', async () => {
    await expectChanges((r) => (r.memory.page_bytes = 2048));
    const e = await expectRejected((r) => (r.memory.page_bytes = 100), 'memory.page_bytes');
    expect(e.message).toMatch(/multiple of 64/);
    // a page that cannot hold whole 128-element heads
    await expectRejected((r) => (r.memory.page_bytes = 192), 'memory.page_bytes');
  });

  it('memory.comp_coverage changes the result', async () => {
    await expectChanges((r) => (r.memory.comp_coverage = 8));
  });

  it('memory.kv_rows_per_channel bounds the KV cache: too few rows or more than fit are rejected', async () => {
    await expectRejected((r) => (r.memory.kv_rows_per_channel = 100), 'memory.kv_rows_per_channel');
    const e = await expectRejected((r) => (r.memory.kv_rows_per_channel = 40_000), 'memory.kv_rows_per_channel');
    expect(e.message).toMatch(/accepted: 1\.\.29440/);
  });
});
