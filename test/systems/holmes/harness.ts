/** Shared helpers of the Holmes tests: inline scenarios on the shipped node presets, run in-process. */
import { holmesSystem, loadHolmes, type HolmesSystemResult } from '../../../src/systems/holmes/descriptor.js';

export type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const ib = (nodes: number, name = 'ib'): Raw => ({ name, preset: 'a100-ib-hdr', nodes });
export const roce = (nodes: number, name = 'roce'): Raw => ({ name, preset: 'a100-roce-100', nodes });
export const eth = (nodes: number, name = 'eth'): Raw => ({ name, preset: 'a100-eth-100', nodes });

/** GPT-7.5B, TP1 × PP2, mbs 4, GBS 2048 (Holmes pretrain_gpt_4_master.sh). */
export function gpt75(clusters: Raw[], extra: Raw = {}): Raw {
  return { system: 'holmes', model: 'megatron-gpt-7.5b', clusters, parallelism: { tp: 1, pp: 2 }, training: { global_batch: 2048, micro_batch: 4 }, ...extra };
}

/** GPT-39.1B, TP8 × PP2 with sequence parallelism, mbs 4, GBS 1536 (Holmes pretrain_gpt_4_nodes.sh). */
export function gpt39(clusters: Raw[], extra: Raw = {}): Raw {
  return { system: 'holmes', model: 'megatron-gpt-39.1b', clusters, parallelism: { tp: 8, pp: 2, sequence_parallel: true }, training: { global_batch: 1536, micro_batch: 4 }, ...extra };
}

/** GPT-3.6B pure DP, mbs 4, GBS 512 (Holmes pretrain_gpt_2_nodes.sh). */
export function gpt36(clusters: Raw[], extra: Raw = {}): Raw {
  return { system: 'holmes', model: 'megatron-gpt-3.6b', clusters, parallelism: { tp: 1, pp: 1 }, training: { global_batch: 512, micro_batch: 4 }, ...extra };
}

const cache = new Map<string, HolmesSystemResult>();

export async function run(ref: string | Raw, mode?: 'holmes' | 'megatron', overrides?: Raw): Promise<HolmesSystemResult> {
  const key = JSON.stringify([ref, mode, overrides]);
  const hit = cache.get(key);
  if (hit) return hit;
  const r = await holmesSystem.run(await loadHolmes(ref, overrides), { mode });
  cache.set(key, r);
  return r;
}

export function relErr(got: number, want: number): number {
  return Math.abs(got / want - 1);
}
