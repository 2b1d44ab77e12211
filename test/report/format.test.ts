import { describe, expect, it } from 'vitest';
import { decadeLabel, formatCell, formatValue, powerOfTen } from '../../src/report/format.js';

describe('format', () => {
  it('decadeLabel(v): plain for 0.01…1000, superscript powers outside', () => {
    expect([0.01, 0.1, 1, 10, 1000].map(decadeLabel)).toEqual(['0.01', '0.1', '1', '10', '1000']);
    expect(decadeLabel(1e4)).toBe('10⁴');
    expect(decadeLabel(1e-3)).toBe('10⁻³');
    expect(powerOfTen(-12)).toBe('10⁻¹²');
  });

  it('formatValue(v): ~3 significant digits, whole numbers from 100', () => {
    expect(formatValue(989.4)).toBe('989');
    expect(formatValue(1978.9)).toBe('1,979');
    expect(formatValue(33337.4)).toBe('33,337');
    expect(formatValue(3.35)).toBe('3.35');
    expect(formatValue(66.9)).toBe('66.9');
    expect(formatValue(0.0512)).toBe('0.0512');
  });

  it('formatCell(v): strings as is, integers whole, others to 4 significant digits', () => {
    expect(formatCell('x')).toBe('x');
    expect(formatCell(42)).toBe('42');
    expect(formatCell(1.23456)).toBe('1.235');
    expect(formatCell(1.5e-7)).toBe('1.5e-7');
  });
});
