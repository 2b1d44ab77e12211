/**
 * hetsim's version, as every result reports it: read once from the package.json of the checkout or
 * package the presets come from (located through presetRoot: the roofline snapshot bundle lets only
 * preset-registry.ts read its own module URL).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { presetRoot } from './preset-registry.js';

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(presetRoot(), 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

export const VERSION = readVersion();
