/**
 * `hetsim sweep merge DIR… -o DIR`: the union by hash of shard outputs. The same result twice
 * (a config in two shards, a rerun) collapses; an ok result wins over a failed try of the same
 * config; two ok results of one hash with different metrics are an error: they cannot both be true.
 */
import { join } from 'node:path';
import { HetsimError, warnOnce } from '../errors.js';
import { writeFileAtomic } from '../report/atomic-write.js';
import { canonicalJson, type ResultLine } from './config-hash.js';
import { prepareOutDir, readResults, RESULTS_FILE } from './results-file.js';

export interface MergeSummary {
  lines: number;
  collapsed: number;
  path: string;
}

export function mergeLines(sources: { dir: string; lines: ResultLine[] }[]): { lines: ResultLine[]; collapsed: number } {
  const byHash = new Map<string, { line: ResultLine; dir: string }>();
  let collapsed = 0;
  for (const { dir, lines } of sources) {
    for (const line of lines) {
      const had = byHash.get(line.hash);
      if (!had) {
        byHash.set(line.hash, { line, dir });
        continue;
      }
      collapsed++;
      const a = had.line;
      if (a.status === 'ok' && line.status === 'ok' && canonicalJson(a.metrics) !== canonicalJson(line.metrics)) {
        throw new HetsimError('config_invalid', `conflicting results for config ${line.hash} (${line.system} ${line.mode}): ${had.dir} and ${dir} have different metrics; rerun that config, or drop one of the folders`);
      }
      if (a.status === 'failed' && line.status === 'ok') byHash.set(line.hash, { line, dir });
    }
  }
  // sorted by hash: the merged file does not depend on the order the folders are named in
  const lines = [...byHash.values()].map((v) => v.line).sort((x, y) => (x.hash < y.hash ? -1 : x.hash > y.hash ? 1 : 0));
  return { lines, collapsed };
}

export async function mergeResultDirs(dirs: string[], out: string): Promise<MergeSummary> {
  const sources = dirs.map((dir) => {
    const r = readResults(join(dir, RESULTS_FILE));
    if (r.lines.length === 0 && r.tornBytes === 0) warnOnce(`merge-empty:${dir}`, `${join(dir, RESULTS_FILE)} is missing or empty`);
    if (r.tornBytes > 0) warnOnce(`merge-torn:${dir}`, `${join(dir, RESULTS_FILE)} ends in a torn line (a killed sweep); ignored it — rerun that shard to complete it`);
    return { dir, lines: r.lines };
  });
  const { lines, collapsed } = mergeLines(sources);
  const path = prepareOutDir(out);
  await writeFileAtomic(path, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  return { lines: lines.length, collapsed, path };
}
