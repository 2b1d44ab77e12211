/**
 * Systems' `simulate` flags: every registered system's flags are declared to yargs (as strings, so a
 * bad value is echoed as typed), and each run accepts only the flags of its scenario's system.
 * A flag is an override of one scenario key, checked here first so the message names the flag.
 */
import { resolve } from 'node:path';
import { HetsimError } from '../errors.js';
import { SYSTEMS } from '../systems/registry.js';
import type { AnySystem, FlagSpec } from '../systems/system.js';

export interface DeclaredFlag {
  name: string;
  describe: string;
  /** System ids that take the flag. */
  systems: string[];
  output: boolean;
  /** Declared to yargs as a boolean switch (every system that takes it declares it boolean). */
  boolean: boolean;
}

/** All systems' flags and output flags by name, with the systems that take each. */
export function declaredFlags(systems: readonly AnySystem[] = SYSTEMS): DeclaredFlag[] {
  const out = new Map<string, DeclaredFlag>();
  const add = (name: string, describe: string, id: string, output: boolean, boolean: boolean) => {
    const prev = out.get(name);
    // a flag several systems take (--placement) says what it means for each
    const f = prev ? { ...prev, describe: `${prev.systems.length === 1 ? `${prev.systems[0]}: ${prev.describe}` : prev.describe}; ${id}: ${describe}` } : { name, describe, systems: [], output, boolean };
    f.systems = [...(prev?.systems ?? []), id];
    f.boolean &&= boolean;
    out.set(name, f);
  };
  for (const s of systems) {
    for (const [name, spec] of Object.entries(s.flags ?? {})) add(name, spec.describe, s.id, false, spec.type === 'boolean');
    for (const [name, describe] of Object.entries(s.outputFlags ?? {})) add(name, describe, s.id, true, false);
  }
  return [...out.values()];
}

function parseFlag(name: string, spec: FlagSpec, v: unknown): unknown {
  const text = String(v);
  const fail = (form: string): never => {
    throw new HetsimError('config_invalid', `expected ${form}, got '${text}'`, `--${name}`);
  };
  switch (spec.type) {
    case 'positive-int':
    case 'non-negative-int': {
      const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
      const min = spec.type === 'positive-int' ? 1 : 0;
      if (!Number.isSafeInteger(n) || n < min) fail(min === 1 ? 'a positive integer (1, 2, …)' : 'a non-negative integer (0, 1, …)');
      return n;
    }
    case 'boolean':
      if (v === true || text === 'true') return true;
      if (v === false || text === 'false') return false;
      return fail('a switch: --' + name + ' or --' + name + '=false');
    case 'path':
      if (text.trim() === '') fail('a file path');
      return resolve(text);
    case 'string':
      if (spec.choices && !spec.choices.includes(text)) fail(`one of ${spec.choices.join(', ')}`);
      return text;
  }
}

export interface SystemArgs {
  /** Scenario key → value. */
  overrides: Record<string, unknown>;
  /** Output flag → path. */
  outputs: Record<string, string>;
}

/** The given flags for `system`; a flag of another system is refused, naming it and this system's flags. */
export function systemArgs(system: AnySystem, argv: Record<string, unknown>, systems: readonly AnySystem[] = SYSTEMS): SystemArgs {
  const overrides: Record<string, unknown> = {};
  const outputs: Record<string, string> = {};
  for (const f of declaredFlags(systems.includes(system) ? systems : [...systems, system])) {
    const v = argv[f.name];
    if (v === undefined) continue;
    const own = [...Object.keys(system.flags ?? {}), ...Object.keys(system.outputFlags ?? {})].map((n) => `--${n}`);
    if (!f.systems.includes(system.id)) {
      throw new HetsimError('config_invalid', `system ${system.id} takes no such flag (it is ${f.systems.join('/')}'s); ${system.id}'s flags: ${own.join(', ') || 'none'}`, `--${f.name}`);
    }
    if (f.output) {
      if (String(v).trim() === '') throw new HetsimError('config_invalid', 'expected a file path', `--${f.name}`);
      outputs[f.name] = String(v);
      continue;
    }
    const spec = system.flags![f.name];
    overrides[spec.key] = parseFlag(f.name, spec, v);
  }
  return { overrides, outputs };
}

/** An error about a scenario key that a flag set is reported against the flag. */
export function errorAgainstFlag(system: AnySystem, e: unknown, given: Record<string, unknown>): unknown {
  if (!(e instanceof HetsimError) || e.path === undefined) return e;
  const hit = Object.entries(system.flags ?? {}).find(([, spec]) => spec.key === e.path && given[spec.key] !== undefined);
  if (!hit) return e;
  return new HetsimError(e.code, `${e.detail} (scenario key ${e.path})`, `--${hit[0]}`);
}
