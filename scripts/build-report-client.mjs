// Build step: bundle the report page's script (src/report/client/report-client.ts: tooltips, zoomable
// timelines with d3-zoom) into one IIFE, dist/report/client.js, that `hetsim report` inlines into
// index.html, so the page needs no network. Run after tsc (see package.json "build").
import { renameSync } from 'node:fs';
import { build } from 'esbuild';

const out = new URL('../dist/report/client.js', import.meta.url).pathname;
await build({
  entryPoints: [new URL('../src/report/client/report-client.ts', import.meta.url).pathname],
  bundle: true,
  format: 'iife',
  minify: true,
  target: 'es2020',
  outfile: `${out}.tmp`,
  legalComments: 'none',
  logLevel: 'warning',
});
renameSync(`${out}.tmp`, out);
