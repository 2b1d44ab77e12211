/** Shared by the SkipPipe tests: the shipped scenarios, loaded and run in-process. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { skippipeSystem, type SkippipeSystemResult } from '../../../src/systems/skippipe/descriptor.js';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const GEO20 = resolve(ROOT, 'models/scenarios/skippipe-geo20.yaml');
export const GEO42 = resolve(ROOT, 'models/scenarios/skippipe-geo42.yaml');
/** The public schedule.json (gensyn-ai/skippipe, added in b4c54b0, unchanged at 7f20d8a6; see fixtures/README.md). */
export const PUBLIC_SCHEDULE = resolve(ROOT, 'test/systems/skippipe/fixtures/public-schedule.json');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Raw = Record<string, any>;

export function rawScenario(path = GEO20): Raw {
  return parse(readFileSync(path, 'utf8')) as Raw;
}

export async function run(ref: string | Raw, mode?: string, overrides?: Record<string, unknown>): Promise<SkippipeSystemResult> {
  const s = await skippipeSystem.load(ref, overrides, ROOT);
  return skippipeSystem.run(s, mode ? { mode } : {});
}

export function publicFile(): Raw {
  return JSON.parse(readFileSync(PUBLIC_SCHEDULE, 'utf8')) as Raw;
}
