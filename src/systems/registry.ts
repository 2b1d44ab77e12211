/**
 * Every system hetsim can run, listed explicitly (no import side effects: they break under
 * `sideEffects: false` and in fresh piscina workers). Adding a system = its folder + one line here.
 */
import { HetsimError } from '../errors.js';
import { flightllmSystem } from './flightllm/descriptor.js';
import { holmesSystem } from './holmes/descriptor.js';
import { neupimsSystem } from './neupims/descriptor.js';
import { rooflineSystem } from './roofline/descriptor.js';
import { skippipeSystem } from './skippipe/descriptor.js';
import type { AnySystem } from './system.js';

export const SYSTEMS: readonly AnySystem[] = [rooflineSystem, neupimsSystem, flightllmSystem, holmesSystem, skippipeSystem];

export function systemIds(): string[] {
  return SYSTEMS.map((s) => s.id);
}

/** The descriptor for `id`; an unknown id gets an error listing the registered ones. */
export function getSystem(id: unknown, path = 'system', systems: readonly AnySystem[] = SYSTEMS): AnySystem {
  const hit = systems.find((s) => s.id === id);
  if (!hit) {
    const got = id === undefined ? 'no system key' : `unknown system ${JSON.stringify(id)}`;
    throw new HetsimError('unknown_id', `${got}; registered systems: ${systems.map((s) => s.id).join(', ')}`, path);
  }
  return hit;
}
