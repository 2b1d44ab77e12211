/**
 * Number formatting for figures and tables. Hand-rolled rather than
 * toLocaleString so output never depends on the machine's locale.
 */
import { format } from 'd3';

const SUP: Record<string, string> = {
  '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
};

/** "10⁴" for 1e4: exponent as superscript characters (no tspans, so widths stay estimable). */
export function powerOfTen(exp: number): string {
  return '10' + String(exp).split('').map((c) => SUP[c]).join('');
}

/** Decade tick label: plain for 0.01…1000, 10ⁿ outside that, like most roofline papers. */
export function decadeLabel(v: number): string {
  const exp = Math.round(Math.log10(v));
  if (exp >= -2 && exp <= 3) return format('~g')(Math.pow(10, exp));
  return powerOfTen(exp);
}

const sig3 = format('.3~r');

const grouped = format(',');

/** A measured value with about 3 significant digits, whole numbers from 100 up, thousands grouped ("989", "1,979", "3.35"). */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 100) return grouped(Math.round(v));
  return sig3(v);
}

const si = format('~s');

/**
 * An SI-prefixed axis tick: `20 ms`, `1.5 s`, `300 µs` for seconds; `1.5k`, `2M` for a count (the
 * axis label carries the unit). Zero is `0`, never `0M`.
 */
export function siTick(unit?: string): (v: number) => string {
  return (v: number) => {
    if (v === 0) return '0';
    const t = si(v);
    if (unit === 's') {
      const m = /^(-?[\d.]+)([a-zµ]?)$/i.exec(t);
      return m ? `${m[1]} ${m[2]}s` : `${t} s`;
    }
    return t;
  };
}

/** Table cell: integers as is, other numbers to 4 significant digits, strings untouched. */
export function formatCell(v: string | number): string {
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return String(v);
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return format('.4~e')(v);
  return format('.4~r')(v);
}
