/**
 * The registry is the only place that names the systems: every shipped scenario's `system:` is
 * registered, descriptors are well formed, and no generic module (CLI commands over systems,
 * sweeps, reports) imports a system's folder — so a new system is its folder plus one registry line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { getSystem, SYSTEMS, systemIds } from '../../src/systems/registry.js';
import { HetsimError } from '../../src/errors.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

describe('system registry', () => {
  it('every shipped scenario names a registered system, and every scenario set entry does', () => {
    const dir = join(ROOT, 'models/scenarios');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const doc = parse(readFileSync(join(dir, f), 'utf8')) as { system?: string; systems?: { system: string }[] };
      const named = doc.system !== undefined ? [doc.system] : (doc.systems ?? []).map((e) => e.system);
      expect(named.length, f).toBeGreaterThan(0);
      for (const s of named) expect(systemIds(), `${f}: ${s}`).toContain(s);
    }
  });

  it('an unknown id is refused with the registered ones listed', () => {
    expect(() => getSystem('flightlm')).toThrow(HetsimError);
    expect(() => getSystem('flightlm')).toThrow(/unknown system "flightlm"; registered systems: roofline, neupims/);
  });

  it('each descriptor: unique id, modes, metric names unique with unit and direction, flags mapped to scenario keys', () => {
    expect(new Set(systemIds()).size).toBe(SYSTEMS.length);
    for (const s of SYSTEMS) {
      expect(s.modes.length, s.id).toBeGreaterThan(0);
      expect(s.metrics.length, s.id).toBeGreaterThan(0);
      expect(new Set(s.metrics.map((m) => m.name)).size, s.id).toBe(s.metrics.length);
      for (const m of s.metrics) {
        expect(m.name, s.id).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(['higher', 'lower']).toContain(m.better);
        expect(m.unit.length).toBeGreaterThan(0);
      }
      for (const [flag, spec] of Object.entries(s.flags ?? {})) {
        expect(flag, s.id).toMatch(/^[a-z][a-z-]*$/);
        expect(spec.key, `${s.id} --${flag}`).toMatch(/^[a-z][a-z0-9_.]*$/);
      }
    }
  });

  it('flags that two systems share mean the same thing in both', () => {
    const seen = new Map<string, string>();
    for (const s of SYSTEMS) {
      for (const [flag, spec] of Object.entries(s.flags ?? {})) {
        const sig = `${spec.key}|${spec.type}`;
        if (seen.has(flag)) expect(sig, `--${flag}`).toBe(seen.get(flag));
        seen.set(flag, sig);
      }
    }
  });

  it('no module outside a system\'s folder and the registry imports that folder (except the roofline-only commands)', () => {
    // `hetsim roofline`, `calibrate` and the batch path are the roofline analyzer's own commands;
    // other systems may use the analyzer as a library (NeuPIMs' gpu baseline does).
    const ROOFLINE_COMMANDS = ['src/cli/commands/roofline.ts', 'src/cli/commands/calibrate.ts', 'src/cli/roofline-batch.ts', 'src/cli/roofline-snapshot.ts', 'src/cli/plot.ts', 'src/cli/fast-path.ts'];
    const files = walk(join(ROOT, 'src')).filter((f) => f.endsWith('.ts'));
    const offenders: string[] = [];
    for (const file of files) {
      const rel = relative(ROOT, file);
      const targets = [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\(\s*)'(\.[^']+)'/g)].map((m) => relative(ROOT, resolve(dirname(file), m[1])));
      for (const id of systemIds()) {
        const own = rel.startsWith(`src/systems/${id}/`) || rel === 'src/systems/registry.ts';
        const allowed = id === 'roofline' && (ROOFLINE_COMMANDS.includes(rel) || /^src\/systems\/[a-z0-9-]+\//.test(rel));
        for (const t of targets) if (t.startsWith(`src/systems/${id}/`) && !own && !allowed) offenders.push(`${rel} → ${t}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('generic modules name no system id in their code', () => {
    const generic = [...walk(join(ROOT, 'src/sweep')), ...walk(join(ROOT, 'src/report')), ...['simulate', 'report', 'schema', 'systems'].map((c) => join(ROOT, `src/cli/commands/${c}.ts`))];
    for (const file of generic.filter((f) => f.endsWith('.ts'))) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const id of systemIds()) expect(code.includes(`'${id}'`) || code.includes(`"${id}"`), `${relative(ROOT, file)} names '${id}'`).toBe(false);
    }
  });
});
