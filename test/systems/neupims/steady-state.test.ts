/**
 * Per-layer steady-state reuse: simulating a few layers and extrapolating the last C + D
 * (interleaved) or A + B + E (sequential) must match simulating every layer cycle by cycle.
 * The first two C/D pairs carry a warm-up (refresh phase, buffer state), which is why the
 * scenarios simulate 4 layers before extrapolating.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_NPU } from '../../../src/hw/npu/npu-config.js';
import { runStep, type StepConfig } from '../../../src/systems/neupims/run-step.js';
import { extrapolate } from '../../../src/systems/neupims/simulate-neupims.js';
import { GEO, TINY } from './harness.js';

const TINY6 = { ...TINY, layers: 6 };

const reqs = Array.from({ length: 64 }, (_, i) => ({ seqLen: 40 + ((i * 37) % 400), channel: i % 32 }));
const cfg = (simLayers: number, interleave: boolean): StepConfig => ({
  model: TINY6,
  npu: DEFAULT_NPU,
  geo: GEO,
  pimMode: interleave ? 'dual' : 'single',
  interleave,
  npuAttention: false,
  simLayers,
  trace: false,
  growth: 0,
});

describe('steady-state extrapolation equals the full run (tiny GPT-3-shaped model, 6 layers, batch 64)', () => {
  it('interleaved: 4 simulated layers + 2 × the last (C + D) is within 0.5% of 6 simulated layers', () => {
    const full = runStep(cfg(6, true), reqs);
    const part = runStep(cfg(4, true), reqs);
    const exFull = extrapolate(full.records, true, 6, 6);
    const exPart = extrapolate(part.records, true, 6, 4);
    expect(exFull.step).toBe(full.cycles);
    expect(Math.abs(exPart.step - full.cycles) / full.cycles).toBeLessThan(0.005);
    // after the warm-up the pairs differ only by where refresh falls and how NPU and PIM traffic
    // meet in the channels (±3% on this 68 k-cycle layer; GPT3-7B's 370 k-cycle pairs agree within 2%)
    const tail = exFull.perLayer.slice(2);
    for (const l of tail) expect(Math.abs(l - exFull.layer) / exFull.layer).toBeLessThan(0.05);
  }, 180_000);

  it('sequential: 2 simulated layers + 4 × the last (A + B + E) is within 0.5% of 6 simulated layers', () => {
    const full = runStep(cfg(6, false), reqs);
    const part = runStep(cfg(2, false), reqs);
    const exPart = extrapolate(part.records, false, 6, 2);
    expect(Math.abs(exPart.step - full.cycles) / full.cycles).toBeLessThan(0.005);
  }, 180_000);
});
