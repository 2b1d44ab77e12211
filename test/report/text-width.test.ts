import { describe, expect, it } from 'vitest';
import { textWidth, wrapText } from '../../src/report/text-width.js';

describe('textWidth(text, fontSize)', () => {
  it('uses DejaVu Sans advances: digits 0.636 em, "i" narrow, "m" wide', () => {
    expect(textWidth('0', 10)).toBeCloseTo(6.36);
    expect(textWidth('i', 10)).toBeLessThan(textWidth('m', 10) / 3);
    expect(textWidth('ab', 12, true)).toBeCloseTo(textWidth('ab', 12) * 1.1);
  });

  it('wrapText(text, maxWidth, fontSize) keeps each line within the width when words allow', () => {
    const lines = wrapText('1: rotary6, swiglu9, attention_block_projection10, kv_write12', 160, 10.5);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(textWidth(l, 10.5)).toBeLessThanOrEqual(160 + textWidth('attention_block_projection10,', 10.5));
  });
});
