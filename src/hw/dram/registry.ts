/**
 * Explicit registry of DRAM implementations, keyed by the `impl` strings configs use (no import
 * side effects: they break under `sideEffects: false` and in fresh piscina workers).
 */
import { HetsimError } from '../../errors.js';
import type { AddrMapper } from './address-mapper.js';
import type { DramOrg, DramSpec } from './dram-spec.js';
import { RoRaBgBaChCo } from './mappers/rorabgbachco.js';
import { AllBankRefresh } from './refresh/all-bank.js';
import type { RefreshChannel, RefreshManager } from './refresh-manager.js';
import type { DramScheduler } from './scheduler.js';
import { FrFcfs } from './schedulers/frfcfs.js';
import { hbm2Spec } from './standards/hbm2.js';

/** A standard from timing overrides and an organisation override (each replaces only what it names). */
export const STANDARDS: Record<string, (overrides?: Record<string, number>, org?: Partial<DramOrg>) => DramSpec> = {
  HBM2: (o, org) => hbm2Spec(o, org),
};

export const SCHEDULERS: Record<string, () => DramScheduler> = {
  FRFCFS: () => new FrFcfs(),
};

export const ADDR_MAPPERS: Record<string, (org: DramOrg) => AddrMapper> = {
  rorabgbachco: (org) => new RoRaBgBaChCo(org),
};

/** One refresh manager per channel. */
export const REFRESH: Record<string, (ch: RefreshChannel) => RefreshManager> = {
  AllBank: (ch) => new AllBankRefresh(ch),
};

/** Looks `name` up in `table`; an unknown name gets an error listing the valid ones. */
export function lookup<T>(table: Record<string, T>, name: string, path: string): T {
  const hit = Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
  if (hit === undefined) throw new HetsimError('unknown_impl', `unknown ${path} "${name}"; valid: ${Object.keys(table).join(', ')}`, path);
  return hit;
}
