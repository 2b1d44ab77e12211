/**
 * The report page's script, bundled at build time (scripts/build-report-client.mjs) into
 * dist/report/client.js; read from the package root so it is found from dist/ and from the
 * TypeScript sources (tests) alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { presetRoot } from '../systems/preset-registry.js';

export function reportClientScript(): string {
  const path = join(presetRoot(), 'dist', 'report', 'client.js');
  if (!existsSync(path)) throw new Error(`report script not built: ${path} (run npm run build)`);
  return readFileSync(path, 'utf8');
}
