/** Bad input: one clear message naming the field and expected form, exit 2, no stack trace. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { expectBadInput, hetsim, ROOT, tempFile } from './harness.js';

const base = ['roofline', '--model', 'llama-2-7b', '--hardware', 'h100-sxm'];

describe('hetsim roofline: bad input', () => {
  it('unknown model id lists close matches', () => {
    const r = hetsim(['roofline', '--model', 'llama-2-7', '--hardware', 'h100-sxm']);
    expectBadInput(r, /model/);
    expect(r.stderr).toMatch(/did you mean .*'llama-2-7b'/);
  });

  it('unknown hardware id lists close matches', () => {
    const r = hetsim(['roofline', '--model', 'llama-2-7b', '--hardware', 'h100']);
    expectBadInput(r, /hardware/);
    expect(r.stderr).toMatch(/h100-sxm/);
  });

  it('malformed config.json names the file and line', () => {
    const p = tempFile('config.json', '{\n  "hidden_size": 4096,\n  "num_attention_heads": 32,\n  oops\n}');
    const r = hetsim(['roofline', '--model', p, '--hardware', 'h100-sxm']);
    expectBadInput(r, /malformed JSON in .*config\.json at line 4/);
  });

  it('config.json whose heads do not divide hidden', () => {
    const p = tempFile('config.json', JSON.stringify({ hidden_size: 4000, num_attention_heads: 48, num_hidden_layers: 2, vocab_size: 1000, intermediate_size: 8000 }));
    expectBadInput(hetsim(['roofline', '--model', p, '--hardware', 'h100-sxm']), /num_attention_heads: num_attention_heads \(48\) must divide hidden_size \(4000\)/);
  });

  for (const [flag, value] of [['--batch', '0'], ['--batch', '-4'], ['--seq', '0'], ['--seq', 'many']] as const) {
    it(`${flag} ${value} is rejected`, () => {
      expectBadInput(hetsim([...base, flag, value]), new RegExp(`${flag.slice(2)}: expected a positive integer`));
    });
  }

  it('an absurd batch is rejected', () => {
    expectBadInput(hetsim([...base, '--batch', '1e12']), /batch/);
  });

  it('bits outside {2,3,4,8,16,32}', () => {
    expectBadInput(hetsim([...base, '--bits', 'w5a16']), /bits\.w: bit width must be one of 2, 3, 4, 8, 16, 32/);
    expectBadInput(hetsim([...base, '--bits', 'int4']), /bits: expected the form w<bits>a<bits>/);
  });

  it('TP that does not divide the heads', () => {
    expectBadInput(hetsim([...base, '--tp', '3']), /tp: --tp 3 must divide the model's 32 attention heads/);
  });

  it('a wrong unit in a hardware file names the field', () => {
    const p = tempFile('dev.yaml', 'name: my chip\nbandwidth: "3.35 TB"\npeak: {fp16: "100 TFLOP/s"}\n');
    expectBadInput(hetsim(['roofline', '--model', 'llama-2-7b', '--hardware', p]), /bandwidth: "3.35 TB" is not a bandwidth; expected a unit string like "3.35 TB\/s"/);
  });

  it('an unknown key in a hardware file names the key', () => {
    const p = tempFile('dev.yaml', 'name: my chip\nbandwith: "3.35 TB/s"\nbandwidth: "3.35 TB/s"\npeak: {fp16: "100 TFLOP/s"}\n');
    expectBadInput(hetsim(['roofline', '--model', 'llama-2-7b', '--hardware', p]), /unknown key 'bandwith'/);
  });

  it('malformed YAML names the line', () => {
    const p = tempFile('dev.yaml', 'name: my chip\nbandwidth: [1, 2\npeak: x\n');
    expectBadInput(hetsim(['roofline', '--model', 'llama-2-7b', '--hardware', p]), /malformed YAML in .*dev\.yaml/);
  });

  it('a missing file', () => {
    expectBadInput(hetsim(['roofline', '--model', 'llama-2-7b', '--hardware', '/nonexistent/dev.yaml']), /hardware file not found: \/nonexistent\/dev\.yaml/);
  });

  it('an unknown flag', () => {
    expectBadInput(hetsim([...base, '--batchsize', '4']), /Unknown argument: batchsize/);
  });

  it('--summary with an output made of the rows (--csv, --plot)', () => {
    expectBadInput(hetsim([...base, '--summary', '--csv']), /--summary: leaves out the per-layer rows that --csv and --plot print/);
    expectBadInput(hetsim([...base, '--summary', '--plot', 'x.svg']), /--summary: .*use it with --json, --table or --input/);
  });

  it('a malformed --input line is named by its number, and nothing is written', () => {
    const p = tempFile('in.jsonl', '{"model":"llama-2-7b","hardware":"h100-sxm"}\n\n{"model":"llama-2-7b","hardware":"h100-sxm","batch":0}\n');
    expectBadInput(hetsim(['roofline', '--input', p]), /--input line 3: .*batch|batch.*--input line 3/);
    const q = tempFile('in.jsonl', '{"model":"llama-2-7b","hardware":"h100-sxm"}\n{"model": oops}\n');
    expectBadInput(hetsim(['roofline', '--input', q]), /--input line 2: malformed JSON/);
    const u = tempFile('in.jsonl', '{"model":"llama-2-7b","hardware":"h100-sxm","sequence":5}\n');
    expectBadInput(hetsim(['roofline', '--input', u]), /--input line 1: unknown key 'sequence'/);
  });
});

describe('hetsim simulate: bad input in a NeuPIMs scenario', () => {
  const trace = join(ROOT, 'traces/share-gpt2-bs512-ms7B-tp4-clb-0.csv');
  const scenario = (extra: string) => tempFile('s.yaml', `system: neupims\nbatch: 8\nrequests: ${trace}\n${extra}\n`);

  it('a mixture-of-experts model is refused, naming the model', () => {
    expectBadInput(hetsim(['simulate', scenario('model: mixtral-8x7b')]), /model: mixtral-8x7b: NeuPIMs models dense decoders/);
  });

  it('a TP that does not divide the KV heads names parallelism.tp', () => {
    expectBadInput(hetsim(['simulate', scenario('model: llama-3.1-8b\nparallelism: { tp: 16 }')]), /parallelism\.tp: llama-3\.1-8b: tp 16 does not divide 8 KV heads/);
  });

  it('weights that leave no room for the KV cache name parallelism', () => {
    expectBadInput(hetsim(['simulate', scenario('model: llama-3.1-70b')]), /parallelism: llama-3\.1-70b: one device's weights \(127\.5 GiB/);
  });
});
