/** Progress on stderr: plain lines every 10 % (or every few seconds) off a TTY, a bar redrawn in place on one. */
import { describe, expect, it } from 'vitest';
import { progressReporter } from '../../src/sweep/progress.js';

function sink(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, write: (s: string) => out.push(s) } };
}

describe('progressReporter', () => {
  it('off a TTY: a line per 10 % step and the last, with rate and ETA', () => {
    const { out, stream } = sink(false);
    let t = 0;
    const p = progressReporter(20, { label: 'hetsim: sweep', stream, now: () => t, everyMs: 1e9 });
    for (let d = 1; d <= 20; d++) {
      t += 100;
      p.update(d, d > 18 ? d - 18 : 0);
    }
    p.finish();
    expect(out.length).toBe(11);
    expect(out[1]).toBe('hetsim: sweep: 2/20 (10%), 10/s, ETA 2s\n');
    expect(out.at(-1)).toBe('hetsim: sweep: 20/20 (100%), 2 failed, 10/s, took 2s\n');
  });

  it('off a TTY, slow runs: a line every everyMs even between 10 % steps', () => {
    const { out, stream } = sink(false);
    let t = 0;
    const p = progressReporter(1000, { label: 'x', stream, now: () => t, everyMs: 2000 });
    for (let d = 1; d <= 30; d++) {
      t += 1000;
      p.update(d);
    }
    expect(out.length).toBe(15); // the first result (at 1 s), then every 2 s: 3 s, 5 s, …, 29 s
  });

  it('on a TTY: one bar redrawn with \\r, a newline at the end', () => {
    const { out, stream } = sink(true);
    let t = 0;
    const p = progressReporter(4, { label: 'hetsim: report', stream, now: () => t });
    for (let d = 1; d <= 4; d++) {
      t += 500;
      p.update(d);
    }
    p.finish();
    expect(out.every((s, i) => (i === out.length - 1 ? s === '\n' : s.startsWith('\r\x1b[K')))).toBe(true);
    expect(out.at(-2)).toBe('\r\x1b[Khetsim: report [########################] 4/4 (100%), 2.0/s, took 2s');
  });
});
