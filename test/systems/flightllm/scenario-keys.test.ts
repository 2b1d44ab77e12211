/**
 * No FlightLLM scenario key is silently ignored: each documented key, changed, moves the result (or
 * is rejected with a message naming it). Small configs: the two-layer fixture model on the U280.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { HetsimError } from '../../../src/errors.js';
import { flightllmSystem } from '../../../src/systems/flightllm/descriptor.js';
import { TINY_MODEL, U280, scenario, type Raw } from './helpers.js';

let REF: Raw;
const cache = new Map<string, string>();

async function output(raw: Raw): Promise<string> {
  const key = JSON.stringify(raw);
  let hit = cache.get(key);
  if (hit === undefined) {
    const s = await flightllmSystem.load(raw);
    const r = await flightllmSystem.run(s);
    // the simulated result without the echoed config: a key must move what was computed
    const { config: _c, version: _v, ...rest } = r;
    hit = JSON.stringify(rest);
    cache.set(key, hit);
  }
  return hit;
}

function variant(edit: (r: Raw) => void): Raw {
  const r = structuredClone(REF);
  edit(r);
  return r;
}

async function expectMoves(edit: (r: Raw) => void): Promise<void> {
  expect(await output(variant(edit))).not.toBe(await output(REF));
}

beforeAll(async () => {
  REF = await scenario(U280, { model: TINY_MODEL, prefill: 64, decode: 40, decode_samples: 2 });
});

describe('every FlightLLM scenario key acts on the result', () => {
  const edits: [string, (r: Raw) => void][] = [
    ['device', (r) => ((r.device = 'versal-vhk158'), delete r.design.resources)],
    ['model', (r) => (r.model = 'llama-2-7b')],
    ['slrs', (r) => (r.slrs = 2)],
    ['prefill', (r) => (r.prefill = 200)],
    ['decode', (r) => (r.decode = 80)],
    ['decode_step', (r) => (r.decode_step = 1000)],
    ['decode_samples', (r) => (r.decode_samples = 3)],
    ['design.freq_mhz', (r) => (r.design.freq_mhz = 300)],
    ['design.mm', (r) => (r.design.mm = { n: 1, k: 16, m: 128 })],
    ['design.mv', (r) => (r.design.mv = { n: 16, k: 16 })],
    ['design.mv_tile_cols', (r) => (r.design.mv_tile_cols = 256)],
    ['design.sfu_lanes', (r) => (r.design.sfu_lanes = 4)],
    ['design.weight_buffer_kib', (r) => (r.design.weight_buffer_kib = 64)],
    ['design.act_buffer_kib', (r) => (r.design.act_buffer_kib = 32)],
    ['design.global_buffer_kib', (r) => (r.design.global_buffer_kib = 2048)],
    ['design.channels_per_slr', (r) => (r.design.channels_per_slr = 4)],
    ['design.sync_cycles', (r) => (r.design.sync_cycles = 2000)],
    ['design.resources.dsp', (r) => (r.design.resources.dsp = 7000)],
    ['design.resources.bram36', (r) => (r.design.resources.bram36 = 1500)],
    ['design.resources.uram', (r) => (r.design.resources.uram = 900)],
    ['precision.weight_bits.default', (r) => (r.precision.weight_bits.default = 8)],
    ['precision.weight_bits.<op>', (r) => (r.precision.weight_bits.lm_head = 2)],
    ['precision.kv_bits', (r) => (r.precision.kv_bits = 16)],
    ['sparsity.enabled', (r) => (r.sparsity.enabled = false)],
    ['sparsity.n_of_16.default', (r) => (r.sparsity.n_of_16.default = 4)],
    ['sparsity.n_of_16.<op>', (r) => (r.sparsity.n_of_16.down_proj = 2)],
    ['sparsity.attention_block_density', (r) => ((r.prefill = 400), (r.sparsity.attention_block_density = 0.25))],
    ['always_on_chip', (r) => (r.always_on_chip = false)],
    ['length_buckets.enabled', (r) => (r.length_buckets.enabled = false)],
    ['length_buckets.prefill', (r) => (r.length_buckets.prefill = 256)],
    ['length_buckets.decode', (r) => (r.length_buckets.decode = 64)],
  ];
  for (const [key, edit] of edits) it(key, () => expectMoves(edit));

  it('name is a label: the computed result is the same', async () => {
    expect(await output(variant((r) => (r.name = 'other')))).toBe(await output(REF));
  });

  it('an unknown key is an error naming it with the nearest valid key', async () => {
    const err = await flightllmSystem.load(variant((r) => (r.design.sfu_lane = 8))).catch((e) => e);
    expect(err).toBeInstanceOf(HetsimError);
    expect(String(err.message)).toMatch(/sfu_lane/);
    expect(String(err.message)).toMatch(/sfu_lanes/);
  });

  it('is deterministic byte for byte', async () => {
    const a = await flightllmSystem.run(await flightllmSystem.load(REF));
    const b = await flightllmSystem.run(await flightllmSystem.load(REF));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
