/** Result keys: the same run hashes the same whatever the key order; any change to it changes the hash. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, configHash } from '../../src/sweep/config-hash.js';

describe('configHash', () => {
  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null }, u: undefined })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('is independent of key order and sensitive to system, mode and every config value', () => {
    const a = configHash('roofline', 'ideal', { model: 'llama-2-7b', batch: 8, bits: { w: 16, a: 16 } });
    expect(configHash('roofline', 'ideal', { bits: { a: 16, w: 16 }, batch: 8, model: 'llama-2-7b' })).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(configHash('roofline', 'calibrated', { model: 'llama-2-7b', batch: 8, bits: { w: 16, a: 16 } })).not.toBe(a);
    expect(configHash('neupims', 'ideal', { model: 'llama-2-7b', batch: 8, bits: { w: 16, a: 16 } })).not.toBe(a);
    expect(configHash('roofline', 'ideal', { model: 'llama-2-7b', batch: 9, bits: { w: 16, a: 16 } })).not.toBe(a);
  });
});
