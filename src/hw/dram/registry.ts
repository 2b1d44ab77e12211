/**
 * Explicit registry of DRAM implementations, keyed by the `impl` strings configs use (no import
 * side effects: they break under `sideEffects: false` and in fresh piscina workers).
 */
import { HetsimError } from '../../errors.js';
import type { AddrMapper } from './address-mapper.js';
import type { DramOrg, DramSpec } from './dram-spec.js';
import { RoRaBgBaChCo } from './mappers/rorabgbachco.js';
import type { DramScheduler } from './scheduler.js';
import { FrFcfs } from './schedulers/frfcfs.js';
import { hbm2Spec } from './standards/hbm2.js';

export const STANDARDS: Record<string, (overrides?: Record<string, number>) => DramSpec> = {
  HBM2: (o) => hbm2Spec(o),
};

export const SCHEDULERS: Record<string, () => DramScheduler> = {
  FRFCFS: () => new FrFcfs(),
};

export const ADDR_MAPPERS: Record<string, (org: DramOrg) => AddrMapper> = {
  rorabgbachco: (org) => new RoRaBgBaChCo(org),
};

/** Looks `name` up in `table`; an unknown name gets an error listing the valid ones. */
export function lookup<T>(table: Record<string, T>, name: string, path: string): T {
  const hit = Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
  if (hit === undefined) throw new HetsimError('unknown_impl', `unknown ${path} "${name}"; valid: ${Object.keys(table).join(', ')}`, path);
  return hit;
}
