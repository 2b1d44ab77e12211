/** `hetsim roofline` as a user runs it: JSON contract, batch input, plots, the fits warning. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, hetsim, tempFile } from './harness.js';

describe('hetsim roofline', () => {
  it('--json prints the documented contract', () => {
    const r = hetsim(['roofline', '-m', 'meta-llama/Llama-2-7b-hf', '-H', 'h100-sxm', '--stage', 'decode', '--batch', '8', '--seq', '1024', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['model', 'hardware', 'mode', 'stage', 'batch', 'seq', 'bits', 'flash', 'tp', 'layers', 'totals', 'memory']));
    expect(j).toMatchObject({ model: 'llama-2-7b', hardware: 'h100-sxm', mode: 'ideal', stage: 'decode', batch: 8, seq: 1024, bits: 'w16a16kv16', flash: false, tp: 1 });
    const names = j.layers.map((l: { name: string }) => l.name);
    expect(names).toEqual(['q_proj', 'k_proj', 'v_proj', 'out_proj', 'gate_proj', 'up_proj', 'down_proj', 'qk_matmul', 'sv_matmul', 'softmax', 'attn_norm', 'mlp_norm', 'attn_add', 'mlp_add', 'mlp_act', 'embedding', 'final_norm', 'lm_head']);
    for (const l of j.layers) {
      expect(Object.keys(l)).toEqual(expect.arrayContaining(['name', 'ops', 'load_weight', 'load_act', 'store_act', 'load_kv_cache', 'store_kv_cache', 'memory_access', 'arithmetic_intensity', 'bound', 'time_s']));
    }
    expect(Object.keys(j.totals)).toEqual(['ops', 'memory_access', 'time_s']);
    expect(j.memory).toMatchObject({ capacity: 80e9, fits: true });
  });

  it('a model that does not fit is not an error: fits:false and a warning', () => {
    const r = hetsim(['roofline', '-m', 'llama-3.1-405b', '-H', 'h100-sxm', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).memory.fits).toBe(false);
    expect(r.stderr).toMatch(/warning: llama-3.1-405b .* needs .* GB per device but h100-sxm has 80.0 GB/);
  });

  it('--input: one JSON result per line, in order, same as single runs', () => {
    const lines = [
      { model: 'llama-2-7b', hardware: 'nvidia_A100', stage: 'generate', batch: 8, seq: 1024, gen: 128, mode: 'llm-viewer' },
      { model: 'llama-2-70b', hardware: 'h200', stage: 'prefill', batch: 1, seq: 512, flash: true, mode: 'calibrated' },
      { model: 'mixtral-8x7b', hardware: 'a100-80gb', stage: 'decode', batch: 4, seq: 100, bits: 'w4a16kv16' },
    ];
    const p = tempFile('in.jsonl', lines.map((l) => JSON.stringify(l)).join('\n'));
    const file = hetsim(['roofline', '--input', p]);
    const stdin = hetsim(['roofline', '--input', '-'], readFileSync(p, 'utf8'));
    expect(file.code).toBe(0);
    expect(stdin.stdout).toBe(file.stdout);
    const out = file.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => [o.model, o.mode, o.stage])).toEqual([
      ['llama-2-7b', 'llm-viewer', 'generate'],
      ['llama-2-70b', 'calibrated', 'prefill'],
      ['mixtral-8x7b', 'ideal', 'decode'],
    ]);
    const single = hetsim(['roofline', '-m', 'llama-2-70b', '-H', 'h200', '--stage', 'prefill', '--seq', '512', '--flash', '--mode', 'calibrated', '--json']);
    expect(JSON.parse(single.stdout)).toEqual(out[1]);
  });

  it('--input output is the same into a file and into a pipe whose reader pauses (write buffers reused only once written)', async () => {
    // ~700 KB of results, five 128 KB write buffers or more: into a file each is written through and reused;
    // into a pipe that nobody reads for a while they queue in the stream and must stay intact.
    const models = ['llama-2-7b', 'llama-2-13b', 'mistral-7b'];
    const lines = [];
    for (const model of models) for (const batch of [1, 4, 16, 64]) for (const seq of [100, 1000, 3000]) for (const mode of ['ideal', 'llm-viewer']) {
      lines.push(JSON.stringify({ model, hardware: mode === 'ideal' ? 'h100-sxm' : 'nvidia_H100', stage: 'generate', batch, seq, gen: 32, mode }));
    }
    const input = tempFile('pipe.jsonl', `${lines.join('\n')}\n`);
    const outFile = join(dirname(input), 'out.jsonl');
    const toFile = spawnSync('sh', ['-c', `"$0" bin/hetsim.js roofline --input "$1" > "$2"`, process.execPath, input, outFile], { cwd: ROOT });
    expect(toFile.status, String(toFile.stderr)).toBe(0);
    const expected = readFileSync(outFile);
    expect(expected.length).toBeGreaterThan(5 * (1 << 17));
    const child = spawn(process.execPath, ['bin/hetsim.js', 'roofline', '--input', input], { cwd: ROOT });
    child.stdout.pause();
    await new Promise((r) => setTimeout(r, 300)); // the writer fills the pipe and queues the rest
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stdout.resume();
    const code = await new Promise((r) => child.on('close', r));
    expect(code).toBe(0);
    expect(Buffer.concat(chunks).equals(expected)).toBe(true);
  });

  it('--summary: each result without its per-layer rows, everything else as it was, for --input, --json and the table', () => {
    const lines = [
      { model: 'llama-2-13b', hardware: 'nvidia_H100', stage: 'generate', batch: 32, seq: 4096, gen: 128, bits: 'w4a16kv16', mode: 'llm-viewer' },
      { model: 'llama-3.1-70b', hardware: 'h200', stage: 'decode', batch: 64, seq: 8000, tp: 2, mode: 'calibrated' },
    ];
    const p = tempFile('in.jsonl', lines.map((l) => JSON.stringify(l)).join('\n'));
    const full = hetsim(['roofline', '--input', p]);
    const summary = hetsim(['roofline', '--input', p, '--summary']);
    expect(summary.code).toBe(0);
    const expected = full.stdout.trim().split('\n').map((l) => {
      const { layers, ...rest } = JSON.parse(l);
      expect(layers.length).toBeGreaterThan(10);
      return JSON.stringify(rest);
    });
    expect(summary.stdout).toBe(`${expected.join('\n')}\n`);
    expect(summary.stdout.length * 5).toBeLessThan(full.stdout.length);
    const one = ['roofline', '-m', 'llama-2-13b', '-H', 'nvidia_H100', '--stage', 'generate', '--batch', '32', '--seq', '4096', '--bits', 'w4a16kv16', '--mode', 'llm-viewer'];
    expect(JSON.parse(hetsim([...one, '--json', '--summary']).stdout)).toEqual(JSON.parse(expected[0]));
    const table = hetsim([...one, '--summary']).stdout;
    expect(table).toMatch(/^total: .* moved, /m);
    expect(table).toMatch(/^memory: weights /m);
    expect(table).not.toMatch(/q_proj|bound/);
  });

  it('--input piped into a reader that stops early (| head) ends quietly', () => {
    // ~400 KB of results: far more than a pipe buffer, so the writer sees the reader go away.
    const line = JSON.stringify({ model: 'llama-2-7b', hardware: 'h100-sxm', stage: 'generate', batch: 8, seq: 512, gen: 64 });
    const p = tempFile('many.jsonl', `${Array.from({ length: 60 }, () => line).join('\n')}\n`);
    const script = `"${process.execPath}" bin/hetsim.js roofline --input "${p}" | head -c 100 > /dev/null; echo "\${PIPESTATUS[0]}"`;
    const r = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('0'); // hetsim's own exit status
  });

  it('is deterministic byte for byte', () => {
    const a = hetsim(['roofline', '-m', 'llama-2-13b', '-H', 'a100-40gb', '--stage', 'generate', '--seq', '300', '--gen', '50', '--csv']);
    const b = hetsim(['roofline', '-m', 'llama-2-13b', '-H', 'a100-40gb', '--stage', 'generate', '--seq', '300', '--gen', '50', '--csv']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.split('\n')[0]).toMatch(/^model,hardware,mode,stage_request,batch,seq,bits,flash,tp,stage,name,ops/);
  });

  it('--plot writes an SVG and a PNG', () => {
    const dir = dirname(tempFile('x', ''));
    for (const ext of ['svg', 'png']) {
      const out = join(dir, `roof.${ext}`);
      const r = hetsim(['roofline', '-m', 'llama-2-7b', '-H', 'h100-sxm', '--stage', 'prefill', '--plot', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(existsSync(out)).toBe(true);
      const bytes = readFileSync(out);
      if (ext === 'png') expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      else expect(bytes.toString('utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
  });

  it('accepts a Hugging Face config.json', () => {
    const p = tempFile('config.json', JSON.stringify({ model_type: 'llama', hidden_size: 2048, intermediate_size: 5632, num_attention_heads: 32, num_key_value_heads: 4, num_hidden_layers: 22, vocab_size: 32000, hidden_act: 'silu' }));
    const r = hetsim(['roofline', '-m', p, '-H', 'h100-sxm', '--stage', 'decode', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    // 4 KV heads × 64 dims: k_proj writes 256 values per token.
    expect(j.layers.find((l: { name: string }) => l.name === 'k_proj').store_kv_cache).toBe(256 * 2);
  });
});
