/**
 * Region link tables (models/networks/*.json): regions, a latency/bandwidth entry per unordered pair,
 * a same-region default, per-region compute time, and named settings (region lists). Nodes placed in
 * regions turn a table into a LinkMatrix.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { readConfigFile } from '../../../config/read-file.js';
import { validate } from '../../../config/validate.js';
import { HetsimError } from '../../../errors.js';
import { GIB, type LinkMatrix } from './link-matrix.js';

const linkSchema = z.strictObject({
  a: z.string().min(1),
  b: z.string().min(1),
  latency_ms: z.number().nonnegative(),
  bandwidth_GiBps: z.number().positive(),
});

export const regionTableSchema = z.strictObject({
  description: z.string().optional(),
  source: z.string().optional(),
  units: z.strictObject({ latency: z.literal('ms'), bandwidth: z.literal('GiB/s') }),
  same_region: z.strictObject({ latency_ms: z.number().nonnegative(), bandwidth_GiBps: z.number().positive() }),
  regions: z.array(z.string().min(1)).min(1),
  links: z.array(linkSchema),
  compute_s_per_sample_per_layer: z.record(z.string(), z.number().positive()).optional(),
  settings: z.record(z.string(), z.array(z.string().min(1)).min(1)).optional(),
});

export type RegionTable = z.infer<typeof regionTableSchema>;

/** `ref` is a table id (file stem under `networksDir`) or a path to a JSON/YAML file of the same form. */
export async function loadRegionTable(ref: string, networksDir: string, path = 'network.table'): Promise<RegionTable> {
  const file = isAbsolute(ref) || ref.includes('/') || ref.endsWith('.json') ? resolve(ref) : join(networksDir, `${ref}.json`);
  if (!existsSync(file)) {
    throw new HetsimError('file_missing', `no region table '${ref}' (looked for ${file}); accepted: a file stem under models/networks/ (e.g. gcp-12-regions) or a path`, path);
  }
  const table = validate(regionTableSchema, await readConfigFile(file, 'region table'), `region table ${file}`);
  for (const l of table.links) {
    for (const r of [l.a, l.b]) if (!table.regions.includes(r)) throw new HetsimError('config_invalid', `link names region '${r}', which is not in its regions list`, `region table ${file}`);
  }
  return table;
}

/** The regions of a setting name (e.g. `geo-distributed`), or the list itself after checking each region. */
export function regionsOf(table: RegionTable, setting: string | readonly string[], path: string): string[] {
  if (typeof setting === 'string') {
    const list = table.settings?.[setting];
    if (!list) throw new HetsimError('config_invalid', `unknown setting '${setting}'; accepted: ${Object.keys(table.settings ?? {}).join(', ') || 'a list of regions'} or a list of regions`, path);
    return [...list];
  }
  setting.forEach((r, i) => checkRegion(table, r, `${path}[${i}]`));
  return [...setting];
}

export function checkRegion(table: RegionTable, region: string, path: string): void {
  if (!table.regions.includes(region)) {
    throw new HetsimError('config_invalid', `region '${region}' is not in the network table; accepted: ${table.regions.join(', ')}`, path);
  }
}

/** Latency (s) and bandwidth (B/s) between nodes placed at `placement[i]` (a region per node). */
export function linkMatrixFromRegions(table: RegionTable, placement: readonly string[]): LinkMatrix {
  const pair = new Map<string, { latency_ms: number; bandwidth_GiBps: number }>();
  for (const l of table.links) {
    pair.set(`${l.a}\u0000${l.b}`, l);
    pair.set(`${l.b}\u0000${l.a}`, l);
  }
  const entry = (a: string, b: string) => (a === b ? table.same_region : pair.get(`${a}\u0000${b}`) ?? table.same_region);
  const latencyS = placement.map((a, i) => placement.map((b, j) => (i === j ? 0 : entry(a, b).latency_ms / 1000)));
  const bandwidthBps = placement.map((a) => placement.map((b) => entry(a, b).bandwidth_GiBps * GIB));
  return { size: placement.length, latencyS, bandwidthBps };
}
