import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { simulateCommand } from '../../../src/cli/commands/simulate.js';
import { scratchDir } from '../../scratch.js';
import { SHIPPED_CLB0 } from './harness.js';

const dir = scratchDir('hetsim-neupims-');
const scenario = join(dir, 'small.yaml');
writeFileSync(
  scenario,
  ['system: neupims', 'model: gpt3-7b', 'parallelism: { tp: 4 }', 'batch: 16', `requests: ${SHIPPED_CLB0}`, 'layers: 2', 'steady_state_layers: 0', ''].join('\n'),
);

async function invoke(args: Record<string, unknown>): Promise<{ out: string; code: number }> {
  let out = '';
  let code = -1;
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  try {
    const cmd = simulateCommand((c) => (code = c));
    await (cmd.handler as (a: unknown) => Promise<void>)({ scenario, _: [], $0: 'hetsim', ...args });
  } finally {
    spy.mockRestore();
  }
  return { out, code };
}

afterEach(() => vi.restoreAllMocks());

describe('hetsim simulate <scenario>', () => {
  it('--json prints the result contract with stages A–F under interleaving', async () => {
    const { out, code } = await invoke({ json: true });
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r).toMatchObject({ system: 'neupims', mode: 'neupims', model: 'gpt3-7b', batch: 16 });
    expect(Object.keys(r.stage_cycles).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    for (const k of ['layer_cycles', 'step_cycles', 'tokens_per_s']) expect(r[k]).toBeGreaterThan(0);
    expect(Object.keys(r.utilization)).toEqual(expect.arrayContaining(['npu', 'pim', 'dram_bandwidth']));
    expect(r.dram_commands.COMPS_READRES).toBeGreaterThan(0);
    expect(r.dram_commands.RD).toBeGreaterThan(0);
  }, 120_000);

  it('--mode npu-pim-naive has stages A, B, E and issues COMP + READRES instead of fused commands', async () => {
    const r = JSON.parse((await invoke({ json: true, mode: 'npu-pim-naive' })).out);
    expect(Object.keys(r.stage_cycles).sort()).toEqual(['A', 'B', 'E']);
    expect(r.dram_commands.COMP).toBeGreaterThan(0);
    expect(r.dram_commands.COMPS_READRES).toBe(0);
  }, 120_000);

  it('--trace writes a Chrome/Perfetto trace with NPU op and stage spans', async () => {
    const trace = join(dir, 'trace.json');
    await invoke({ trace, layers: 1, mode: 'npu-pim-naive' });
    const t = JSON.parse(readFileSync(trace, 'utf8'));
    const names = t.traceEvents.map((e: { name: string }) => e.name);
    expect(names).toContain('qkv.gemm');
    expect(names.some((n: string) => n.startsWith('stage B'))).toBe(true);
  }, 120_000);

  it('an unknown scenario id is a HetsimError naming it', async () => {
    await expect(invoke({ scenario: 'no-such-scenario' })).rejects.toThrow(/scenario 'no-such-scenario' not found/);
  });
});
