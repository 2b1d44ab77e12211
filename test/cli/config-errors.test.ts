/**
 * Config errors as a user meets them: an unknown key gets the nearest valid key, malformed YAML
 * shows the offending line with a caret, a config.json setting hetsim cannot honour is warned
 * about once. Each error: exit 2, one `hetsim: error:` message, no stack trace, nothing on stdout.
 */
import { describe, expect, it } from 'vitest';
import { expectBadInput, hetsim, tempFile } from './harness.js';

const chip = 'name: my chip\nbandwidth: "3.35 TB/s"\npeak: {fp16: "100 TFLOP/s"}\n';

describe('hetsim: config errors', () => {
  it('a typo of a required hardware key is reported as the unknown key, with the valid one', () => {
    const p = tempFile('dev.yaml', 'name: my chip\nbandwith: "3.35 TB/s"\npeak: {fp16: "100 TFLOP/s"}\n');
    const r = hetsim(['roofline', '--model', 'llama-2-7b', '--hardware', p]);
    expectBadInput(r, /bandwith: unknown key 'bandwith' in hardware preset .*dev\.yaml; did you mean 'bandwidth'\?/);
    expect(r.stderr).not.toMatch(/expected a number/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a nested typo names the object it is in', () => {
    const p = tempFile('dev.yaml', chip.replace('fp16', 'fp61'));
    expectBadInput(hetsim(['roofline', '--model', 'llama-2-7b', '--hardware', p]), /peak\.fp61: unknown key 'fp61' .* under 'peak'; did you mean 'fp16'\?/);
  });

  it('an LLM preset typo', () => {
    const p = tempFile('m.yaml', 'name: m\nhidden: 64\nintermediate: 128\nheads: 4\nlayres: 2\nvocab: 100\nnorm: rmsnorm\nactivation: swiglu\n');
    expectBadInput(hetsim(['roofline', '--model', p, '--hardware', 'h100-sxm']), /layres: unknown key 'layres' in LLM preset .*m\.yaml; did you mean 'layers'\?/);
  });

  it('an LLM preset with sliding_window is refused with the reason', () => {
    const p = tempFile('m.yaml', 'name: m\nhidden: 64\nintermediate: 128\nheads: 4\nlayers: 2\nvocab: 100\nnorm: rmsnorm\nactivation: swiglu\nsliding_window: 4096\n');
    expectBadInput(hetsim(['roofline', '--model', p, '--hardware', 'h100-sxm']), /sliding_window: sliding-window attention is not modelled \(attention spans the full context/);
  });

  it('a typo in a --input line gets the suggestion, and nothing is written', () => {
    const p = tempFile('in.jsonl', '{"model":"llama-2-7b","hardware":"h100-sxm"}\n{"model":"llama-2-7b","hardware":"h100-sxm","btach":4}\n');
    expectBadInput(hetsim(['roofline', '--input', p]), /--input line 2: unknown key 'btach'; did you mean 'batch'\?/);
  });

  it('a typo in a NeuPIMs scenario', () => {
    const p = tempFile('s.yaml', 'system: neupims\nmodel: gpt3-7b\nbatch: 8\nrequests: {dataset: sharegpt, sed: 3}\n');
    expectBadInput(hetsim(['simulate', p]), /requests\.sed: unknown key 'sed' in scenario .*s\.yaml under 'requests'; did you mean 'seed'\?/);
  });

  it('a typo in a scenario set', () => {
    const set = tempFile('set.yaml', 'titel: x\n');
    expectBadInput(hetsim(['report', '--scenarios', set, '--out', `${set}.d`]), /titel: unknown key 'titel' in .*set\.yaml; did you mean 'title'\?/);
  });

  it('malformed YAML names the file, line and column and shows the line with a caret', () => {
    const p = tempFile('dev.yaml', 'name: a: b\nbandwidth: 1\n');
    const r = hetsim(['roofline', '--model', 'llama-2-7b', '--hardware', p]);
    expectBadInput(r, /malformed YAML in .*dev\.yaml at line 1, column 7: Nested mappings are not allowed in compact mappings/);
    expect(r.stderr).toContain('\n  1 | name: a: b\n    |       ^\n');
  });

  it("a config.json's sliding_window is warned about once on stderr; stdout stays JSON", () => {
    const cfg = tempFile(
      'config.json',
      JSON.stringify({ model_type: 'mistral', hidden_size: 1024, intermediate_size: 2048, num_attention_heads: 16, num_key_value_heads: 4, num_hidden_layers: 4, vocab_size: 32000, sliding_window: 4096, max_position_embeddings: 32768 }),
    );
    const warning = `hetsim: warning: ${cfg}: sliding_window 4096 is not modelled (attention spans the full context)\n`;
    const one = hetsim(['roofline', '--model', cfg, '--hardware', 'h100-sxm', '--json']);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stderr).toBe(warning);
    expect(JSON.parse(one.stdout).model).toBe(cfg);
    const lines = tempFile('in.jsonl', [1, 2, 3].map((b) => JSON.stringify({ model: cfg, hardware: 'h100-sxm', stage: 'decode', batch: b })).join('\n'));
    const batch = hetsim(['roofline', '--input', lines, '--json']);
    expect(batch.code, batch.stderr).toBe(0);
    expect(batch.stderr).toBe(warning);
    expect(batch.stdout.trim().split('\n').map((l) => JSON.parse(l).batch)).toEqual([1, 2, 3]);
  });
});
