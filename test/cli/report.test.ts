/** `hetsim report`: a scenario set in, index.html plus SVG/PNG figures out, bad sets rejected. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectBadInput, hetsim, ROOT, tempFile } from './harness.js';

describe('hetsim report', () => {
  it('writes index.html with every scenario figure (SVG inline, PNG beside)', () => {
    const set = tempFile(
      'set.yaml',
      [
        'title: test set',
        'systems:',
        '  - system: roofline',
        '    id: small-decode',
        '    caption: decode',
        '    scenario: { model: llama-2-7b, hardware: h200, stage: decode, batch: 4, seq: 256 }',
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

  it('renders a NeuPIMs mode comparison and a batch sweep that agrees with it at the scenario batch', () => {
    const model = tempFile('tiny.yaml', 'name: tiny\nhidden: 512\nintermediate: 2048\nheads: 4\nkv_heads: 4\nhead_dim: 128\nlayers: 2\nvocab: 1000\nnorm: layernorm\nactivation: gelu\n');
    const trace = join(ROOT, 'traces/share-gpt2-bs512-ms7B-tp4-clb-0.csv');
    const scenario = tempFile('np.yaml', `system: neupims\nmodel: ${model}\nbatch: 16\nrequests: ${trace}\nsteady_state_layers: 0\n`);
    const set = tempFile(
      'set.yaml',
      [
        'title: neupims set',
        'systems:',
        `  - { system: neupims, id: np, caption: tiny, scenario: ${scenario}, modes: [neupims, gpu] }`,
        `  - { system: neupims, id: np-sweep, caption: tiny sweep, scenario: ${scenario}, sweep: { batch: [8, 16] }, modes: [neupims, gpu] }`,
      ].join('\n'),
    );
    const out = join(dirname(set), 'out');
    const r = hetsim(['report', '--scenarios', set, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    for (const f of ['np-modes', 'np-gantt', 'np-sweep-sweep', 'np-sweep-throughput']) expect(existsSync(join(out, 'img', `${f}.png`)), f).toBe(true);
    // the sweep's batch-16 row equals the mode comparison's NeuPIMs tokens/s (the report runs that point once)
    const modeRow = html.match(/<tr><td>neupims<\/td><td class="num">(\d+)<\/td>/);
    const sweepRow = html.match(/<tr><td class="num">16<\/td><td class="num">(\d+)<\/td>/);
    expect(modeRow?.[1]).toBeDefined();
    expect(sweepRow?.[1]).toBe(modeRow?.[1]);
    expect(html).toMatch(/<tr><td class="num">8<\/td><td class="num">\d+<\/td>/);
  }, 120_000);

  it('--png-scale outside 0.25–8 names the flag and the range (report and sweep report)', () => {
    const set = tempFile('set.yaml', 'title: x\nsystems: []\n');
    expectBadInput(hetsim(['report', '--scenarios', set, '--out', dirname(set), '--png-scale', '20']), /--png-scale: expected a number from 0\.25 to 8 \(e\.g\. 2 for slides\), got '20'/);
    expectBadInput(hetsim(['sweep', 'report', set, '--png-scale', '0']), /--png-scale: expected a number from 0\.25 to 8/);
  });

  it('rejects an unknown key in the scenario set, naming it', () => {
    // the keys named after systems (roofline:, neupims:) gave way to `systems:` entries
    const set = tempFile('set.yaml', 'title: x\nsystems: []\nneupims: []\n');
    expectBadInput(hetsim(['report', '--scenarios', set, '--out', dirname(set)]), /unknown key 'neupims'/);
  });

  const entry = (e: string) => tempFile('set.yaml', `title: x\nsystems:\n  - ${e}\n`);
  const report = (set: string) => hetsim(['report', '--scenarios', set, '--out', join(dirname(set), 'out')]);

  it('an entry of an unregistered system lists the registered ones', () => {
    expectBadInput(report(entry('{ system: nosuchsys, id: a, caption: c, scenario: x.yaml, modes: [m] }')), /systems\[0\]\.system: unknown system "nosuchsys"; registered systems: roofline, neupims/);
  });

  it('a mode the system does not have, naming the entry and the modes', () => {
    expectBadInput(
      report(entry('{ system: roofline, id: a, caption: c, scenario: { model: llama-2-7b, hardware: h200 }, modes: [fast] }')),
      /systems\[0\]\.modes\[0\]: .*system roofline has no mode 'fast'; its modes: ideal, calibrated, llm-viewer/,
    );
  });

  it('a bad value in an inline scenario is found before anything runs', () => {
    expectBadInput(report(entry('{ system: roofline, id: a, caption: c, scenario: { model: llama-2-7b, hardware: h200, batch: 0 }, modes: [ideal] }')), /systems\[0\]: .*batch: expected a positive integer/);
  });

  it('a sweep value the scenario rejects is found before anything runs', () => {
    expectBadInput(
      report(entry(`{ system: neupims, id: a, caption: c, scenario: ${join(ROOT, 'models/scenarios/neupims-gpt3-7b.yaml')}, sweep: { batch: [8, 0] }, modes: [gpu] }`)),
      /systems\[0\]: .*batch/,
    );
  });

  it('a scenario file of another system than the entry says', () => {
    expectBadInput(
      report(entry(`{ system: roofline, id: a, caption: c, scenario: ${join(ROOT, 'models/scenarios/neupims-gpt3-7b.yaml')}, modes: [ideal] }`)),
      /systems\[0\]\.system: .*is of system "neupims", the entry says roofline/,
    );
  });

  it('a scenario passed as a set says which command takes it', () => {
    expectBadInput(hetsim(['report', '--scenarios', join(ROOT, 'models/scenarios/neupims-gpt3-7b.yaml'), '--out', join(ROOT, 'never')]), /--scenarios: .*not a scenario set; run it with: hetsim simulate/);
  });
});
