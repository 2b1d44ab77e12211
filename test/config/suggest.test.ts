/** The did-you-mean helper: edit distance, the closeness rule, and the valid keys of a zod schema at a path. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { didYouMean, editDistance, nearest, objectKeysAt } from '../../src/config/suggest.js';
import { hardwareFileSchema } from '../../src/hw/hardware-preset.js';
import { llmFileSchema } from '../../src/workload/model-preset.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions as one edit each', () => {
    expect(editDistance('bandwith', 'bandwidth')).toBe(1);
    expect(editDistance('bandwidth', 'bandwith')).toBe(1);
    expect(editDistance('paek', 'peak')).toBe(1); // transposition
    expect(editDistance('pkea', 'peak')).toBe(2);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('nearest', () => {
  const keys = ['name', 'bandwidth', 'capacity', 'peak', 'onchip', 'tdp', 'interconnect'];
  it('suggests the closest key within max(2, len/3) edits, case-insensitively', () => {
    expect(nearest('bandwith', keys)).toBe('bandwidth');
    expect(nearest('Capacity', keys)).toBe('capacity');
    expect(nearest('interconect', keys)).toBe('interconnect');
    expect(nearest('pek', keys)).toBe('peak');
  });
  it('suggests nothing when no key is close, or the edit rewrites the whole name', () => {
    expect(nearest('memory', keys)).toBeUndefined();
    expect(nearest('sequence', ['seq', 'batch'])).toBeUndefined();
    expect(nearest('x', ['w', 'a', 'kv'])).toBeUndefined();
    expect(didYouMean('memory', keys)).toBe('');
    expect(didYouMean('tpd', keys)).toBe("; did you mean 'tdp'?");
  });
});

describe('objectKeysAt', () => {
  it('walks strict objects, optional/default/nullable wrappers, arrays, records, unions and pipes', () => {
    const inner = z.strictObject({ alpha: z.number(), beta: z.string().optional() });
    const schema = z.strictObject({
      top: z.number(),
      opt: inner.optional(),
      def: inner.default({ alpha: 1 }),
      nul: inner.nullable(),
      list: z.array(inner),
      map: z.record(z.string(), inner),
      either: z.union([z.string(), z.strictObject({ gamma: z.number() }), z.strictObject({ delta: z.number() })]),
      piped: inner.transform((x) => x.alpha),
      ext: inner.extend({ eps: z.number() }).optional(),
    });
    expect(objectKeysAt(schema, [])).toEqual(['top', 'opt', 'def', 'nul', 'list', 'map', 'either', 'piped', 'ext']);
    for (const path of [['opt'], ['def'], ['nul'], ['list', 3], ['map', 'anything'], ['piped']]) expect(objectKeysAt(schema, path), String(path)).toEqual(['alpha', 'beta']);
    expect(objectKeysAt(schema, ['either'])).toEqual(['gamma', 'delta']);
    expect(objectKeysAt(schema, ['ext'])).toEqual(['alpha', 'beta', 'eps']);
    expect(objectKeysAt(schema, ['top'])).toEqual([]);
    expect(objectKeysAt(schema, ['missing', 'deeper'])).toEqual([]);
  });
  it('finds the keys of the shipped preset schemas', () => {
    expect(objectKeysAt(hardwareFileSchema, [])).toContain('bandwidth');
    expect(objectKeysAt(hardwareFileSchema, ['peak'])).toEqual(expect.arrayContaining(['fp16', 'bf16', 'int8']));
    expect(objectKeysAt(hardwareFileSchema, ['interconnect'])).toEqual(['bandwidth', 'latency']);
    expect(objectKeysAt(hardwareFileSchema, ['calibration', 'classes', 'gemm'])).toContain('floor_us');
    expect(objectKeysAt(llmFileSchema, [])).toContain('kv_heads');
  });
});
