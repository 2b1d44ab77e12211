/**
 * Per-layer steady-state reuse: simulating a few layers and extrapolating C + D (interleaved) or
 * A + B + E (sequential) must match simulating every layer cycle by cycle.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_NPU } from '../../../src/hw/npu/npu-config.js';
import { runStep, type StepConfig } from '../../../src/systems/neupims/run-step.js';
import { extrapolate } from '../../../src/systems/neupims/simulate-neupims.js';
import { GEO, TINY } from './harness.js';

const reqs = Array.from({ length: 64 }, (_, i) => ({ seqLen: 40 + ((i * 37) % 400), channel: i % 32 }));
const cfg = (simLayers: number, interleave: boolean): StepConfig => ({
  model: TINY,
  npu: DEFAULT_NPU,
  geo: GEO,
  pimMode: interleave ? 'dual' : 'single',
  interleave,
  npuAttention: false,
  simLayers,
  trace: false,
  growth: 0,
});

describe('steady-state extrapolation equals the full run (tiny GPT-3-shaped model, 4 layers, batch 64)', () => {
  it('interleaved: A + B + 3·(C + D) + E + F from 2 simulated layers is within 1% of 4 simulated layers', () => {
    const full = runStep(cfg(4, true), reqs);
    const part = runStep(cfg(2, true), reqs);
    const exFull = extrapolate(full.records, true, 4, 4);
    const exPart = extrapolate(part.records, true, 4, 2);
    expect(exFull.step).toBe(full.cycles);
    expect(Math.abs(exPart.step - full.cycles) / full.cycles).toBeLessThan(0.01);
    // every steady-state pair costs about the same (refresh phase is the only difference)
    for (const l of exFull.perLayer) expect(Math.abs(l - exFull.layer) / exFull.layer).toBeLessThan(0.02);
  }, 120_000);

  it('sequential: 4 × (A + B + E) from 1 simulated layer is within 1% of 4 simulated layers', () => {
    const full = runStep(cfg(4, false), reqs);
    const part = runStep(cfg(1, false), reqs);
    const exPart = extrapolate(part.records, false, 4, 1);
    expect(Math.abs(exPart.step - full.cycles) / full.cycles).toBeLessThan(0.01);
  }, 120_000);
});
