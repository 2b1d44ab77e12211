/**
 * Wires one PimEngine onto every channel of an HbmDevice built with `hbm2PimSpec(mode)`. This is
 * the entry point for system layers: `const pim = attachPim(device, { mode: 'dual' })`, then
 * `pim[ch].submit(op, onDone)` while normal requests go through `device.enqueue`.
 */
import { HetsimError } from '../../errors.js';
import type { HbmDevice } from '../dram/hbm-device.js';
import { PimEngine, type PimEngineOptions } from './pim-engine.js';

export function attachPim(device: HbmDevice, opts: PimEngineOptions, statsName = 'pim'): PimEngine[] {
  if (!device.spec.commands.some((c) => c.name === 'G_ACT')) {
    throw new HetsimError('config_invalid', `memory standard ${device.spec.name} has no PIM commands; build the device with hbm2PimSpec()`, 'memory.standard');
  }
  const engines = device.channels.map((ch) => new PimEngine(ch, opts));
  device.sim.stats.provider(statsName, () => {
    const out: Record<string, number> = {};
    for (const e of engines) for (const [k, v] of Object.entries(e.stats)) out[k] = (out[k] ?? 0) + v;
    return out;
  });
  // per channel too (load imbalance): `${statsName}.perChannel.ch<i>.busyCycles`, …
  device.sim.stats.provider(`${statsName}.perChannel`, () => Object.fromEntries(engines.map((e, i) => [`ch${i}`, { ...e.stats }])));
  return engines;
}
