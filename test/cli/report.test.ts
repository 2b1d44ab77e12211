/** `hetsim report`: a scenario set in, index.html plus SVG/PNG figures out, bad sets rejected. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectBadInput, hetsim, tempFile } from './harness.js';

describe('hetsim report', () => {
  it('writes index.html with every scenario figure (SVG inline, PNG beside)', () => {
    const set = tempFile(
      'set.yaml',
      [
        'title: test set',
        'roofline:',
        '  - id: small-decode',
        '    caption: decode',
        '    request: { model: llama-2-7b, hardware: h200, stage: decode, batch: 4, seq: 256 }',
        '    modes: [ideal, calibrated]',
      ].join('\n'),
    );
    const out = join(dirname(set), 'out');
    const r = hetsim(['report', '--scenarios', set, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('id="roofline"');
    expect(html).toContain('<svg');
    expect(html).toContain('img/small-decode.png');
    expect(existsSync(join(out, 'img', 'small-decode.png'))).toBe(true);
    expect(existsSync(join(out, 'img', 'small-decode.svg'))).toBe(true);
  });

  it('rejects an unknown key in the scenario set, naming it', () => {
    const set = tempFile('set.yaml', 'title: x\nroofline: []\nneupim: []\n');
    expectBadInput(hetsim(['report', '--scenarios', set, '--out', dirname(set)]), /unknown key 'neupim'/);
  });
});
