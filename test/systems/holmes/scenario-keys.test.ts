/**
 * No Holmes scenario key is silently ignored: changing each documented key changes the simulated
 * result (a metric where the key is about performance) or is rejected naming the key. Reference:
 * GPT-7.5B TP1 × PP2 on 2 RoCE + 2 IB nodes, GBS 256 (4 micro-batches; milliseconds a run).
 */
import { describe, expect, it } from 'vitest';
import { HetsimError } from '../../../src/errors.js';
import { holmesSystem, loadHolmes } from '../../../src/systems/holmes/descriptor.js';
import { ib, roce, run, type Raw } from './harness.js';


const REF: Raw = {
  system: 'holmes',
  name: 'keys reference',
  model: 'megatron-gpt-7.5b',
  clusters: [roce(2), ib(2)],
  nic_order: ['ib', 'roce'],
  parallelism: { tp: 1, pp: 2 },
  training: { global_batch: 256, micro_batch: 4 },
};

function variant(edit: (r: Raw) => void, base: Raw = REF): Raw {
  const r = structuredClone(base);
  edit(r);
  return r;
}

/** The edit moves iteration_s (or, for descriptive keys, the result). */
async function expectMoves(edit: (r: Raw) => void, base: Raw = REF, mode?: 'holmes' | 'megatron', what: 'metric' | 'result' = 'metric'): Promise<void> {
  const a = await run(base, mode);
  const b = await run(variant(edit, base), mode);
  if (what === 'metric') expect(b.iteration_s).not.toBeCloseTo(a.iteration_s, 9);
  else expect(b).not.toEqual(a);
}

async function expectRejected(raw: Raw, key: RegExp): Promise<void> {
  let err: unknown;
  try {
    await holmesSystem.run(await loadHolmes(raw));
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(HetsimError);
  expect(`${(err as HetsimError).path} ${(err as HetsimError).message}`).toMatch(key);
}

describe('every Holmes scenario key acts on the result', () => {
  it('name (echoed in the result config)', () => expectMoves((r) => (r.name = 'other'), REF, undefined, 'result'));
  it('model', () => expectMoves((r) => (r.model = 'megatron-gpt-3.6b')));
  it('clusters[].name (names the stages)', async () => {
    const b = await run(variant((r) => (r.clusters[1].name = 'fast')));
    expect(b.stages[0].cluster).toBe('fast');
  });
  it('clusters[].preset', () => expectMoves((r) => (r.clusters[0].preset = 'a100-eth-100'), variant((r) => (r.nic_order = undefined))));
  it('clusters[].nodes', () => expectMoves((r) => r.clusters.forEach((c: Raw) => (c.nodes = 1))));
  it('clusters[].gpu', () => expectMoves((r) => (r.clusters[0].gpu = 'h100-sxm')));
  it('clusters[].gpus_per_node', () => expectMoves((r) => (r.clusters.forEach((c: Raw) => (c.gpus_per_node = 4)))));
  it('clusters[].intra (TP all-reduces run over it)', () => expectMoves((r) => (r.clusters[1].intra = 'pcie'), variant((r) => (r.parallelism.tp = 2))));
  it('clusters[].nic.kind and .count', async () => {
    await expectMoves((r) => (r.clusters[1].nic = { kind: 'ib-ndr', count: 4 }));
    await expectMoves((r) => (r.clusters[0].nic = { kind: 'roce-100', count: 1 }));
  });
  it('clusters[].ethernet (pipeline P2P between clusters is TCP)', () => expectMoves((r) => (r.clusters[0].ethernet = { kind: 'tcp-25', count: 1 })));
  it('inter_cluster_gbps', () => expectMoves((r) => (r.inter_cluster_gbps = 5)));
  it('parallelism.tp, .pp, .dp, .sequence_parallel', async () => {
    await expectMoves((r) => (r.parallelism = { tp: 2, pp: 2 }));
    await expectMoves((r) => (r.parallelism = { tp: 1, pp: 1 }), variant((r) => (r.nic_order = undefined)));
    await expectRejected(variant((r) => (r.parallelism.dp = 4)), /parallelism\.dp/);
    await expectMoves((r) => (r.parallelism.sequence_parallel = true), variant((r) => (r.parallelism.tp = 4)));
  });
  it('training.global_batch, .micro_batch, .seq', async () => {
    await expectMoves((r) => (r.training.global_batch = 512));
    await expectMoves((r) => (r.training.micro_batch = 2));
    await expectMoves((r) => (r.training.seq = 1024));
  });
  it('training.recompute', async () => {
    await expectMoves((r) => (r.training.recompute = 'none'));
    await expectMoves((r) => (r.training.recompute = 'full'));
  });
  it('training.overlap_grad_reduce and .bucket_params', async () => {
    // Megatron buckets only the first pipeline stage: a PP1 layout, where that stage is the critical one
    const pp1 = variant((r) => (r.parallelism.pp = 1));
    await expectMoves((r) => (r.training.overlap_grad_reduce = true), pp1);
    const ov = variant((r) => (r.training.overlap_grad_reduce = true), pp1);
    await expectMoves((r) => (r.training.bucket_params = 10_000_000), ov);
    await expectRejected(variant((r) => (r.training.bucket_params = 10_000_000)), /training\.bucket_params.*overlap_grad_reduce/);
  });
  it('training.grad_dtype', () => expectMoves((r) => (r.training.grad_dtype = 'fp32')));
  it('training.distributed_optimizer', () => expectMoves((r) => (r.training.distributed_optimizer = false)));
  it('compute.mode, .mfu_cap, .flash', async () => {
    await expectMoves((r) => (r.compute = { mode: 'ideal' }));
    await expectMoves((r) => (r.compute = { mfu_cap: 0.4 }));
    await expectMoves((r) => (r.compute = { flash: false }));
  });
  it('placement', () => expectMoves((r) => (r.placement = 'megatron')));
  it('hostfile (Megatron placement)', async () => {
    const m = variant((r) => {
      r.placement = 'megatron';
      r.cross_nic = 'hierarchical';
    });
    await expectMoves((r) => (r.hostfile = 'interleaved'), m);
  });
  it('nic_order', () => expectMoves((r) => (r.nic_order = ['roce', 'ib'])));
  it('partition', async () => {
    // auto = the self-adapting split (20 / 16 here), even = 18 / 18
    await expectMoves((r) => (r.partition = [16, 20]));
    await expectMoves((r) => (r.partition = 'even'));
    await expectRejected(variant((r) => (r.partition = [20, 15])), /partition/);
  });
  it('transport', () => expectMoves((r) => (r.transport = 'ideal')));
  it('collective (all-reduce: without the distributed optimizer; refused with it)', async () => {
    await expectMoves((r) => (r.collective = 'tree'), variant((r) => (r.training.distributed_optimizer = false)));
    await expectRejected(variant((r) => (r.collective = 'tree')), /collective.*distributed_optimizer/);
  });
  it('hostfile under the Holmes placement: the NIC sort is stable, so it orders nodes of one NIC type', async () => {
    const twoIb = variant((r) => {
      r.clusters = [ib(2, 'ib-a'), ib(2, 'ib-b')];
      r.nic_order = undefined;
    });
    await expectMoves((r) => (r.hostfile = 'interleaved'), twoIb, 'holmes');
  });
  it('cross_nic (a DP group spanning clusters)', () => expectMoves((r) => (r.cross_nic = 'hierarchical'), variant((r) => (r.hostfile = 'interleaved'), variant((r) => {
    r.placement = 'megatron';
  }))));
  it('an unknown key is rejected with the nearest valid key', async () => {
    await expectRejected(variant((r) => (r.training.overlap_grad_reduc = true)), /overlap_grad_reduce/);
  });
});
