/** Shared fixtures for the NeuPIMs system tests. */
import { resolve } from 'node:path';
import type { KvShape, PimGeometry } from '../../../src/systems/neupims/kv-layout.js';
import type { NeupimsModel } from '../../../src/systems/neupims/model-shapes.js';

/** Spec §2 geometry with the §10 KV capacity. */
export const GEO: PimGeometry = { channels: 32, banksPerChannel: 32, pageBytes: 1024, precisionBytes: 2, compCoverage: 16, kvRowsPerChannel: 29696, kvBaseRow: 3072 };

/** GPT3-7B under TP4 (spec §7): E/tp = 1024, 8 heads, d_k = 128. */
export const SHAPE_7B_TP4: KvShape = { eTp: 1024, headsTp: 8, kvHeadsTp: 8, headDim: 128 };

/** A small GPT-3-shaped model that keeps cycle-level runs to a few seconds. */
export const TINY: NeupimsModel = { id: 'tiny', hidden: 1024, heads: 8, kvHeads: 8, headDim: 128, ffn: 4096, ffnGated: false, norm: 'layernorm', layers: 4, tp: 1, pp: 1 };

export const ROOT = resolve(import.meta.dirname, '../../..');
export const SHIPPED_CLB0 = resolve(ROOT, 'traces/share-gpt2-bs512-ms7B-tp4-clb-0.csv');
/** The shipped ShareGPT / Alpaca request-length pairs. */
export const LENGTHS = resolve(ROOT, 'traces/request-lengths');
