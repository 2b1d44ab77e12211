/**
 * `hetsim sweep SPEC -o DIR`: plan (expand + validate every config), skip the configs already in
 * DIR/results.jsonl, run the rest (this shard's) on the worker pool longest first, and append one
 * result line per config as it finishes. Resumable: rerunning the same command finishes the sweep.
 */
import { writeFileAtomicSync } from '../report/atomic-write.js';
import { VERSION } from '../systems/version.js';
import { warnOnce } from '../errors.js';
import { configHash, type ResultLine } from './config-hash.js';
import { planSweep, type PlannedConfig } from './plan.js';
import { streamTasks, type JobOutcome } from './pool.js';
import { progressReporter } from './progress.js';
import { prepareOutDir, readResults, ResultsWriter } from './results-file.js';
import { DEFAULT_QUEUE_NAME } from './queue/job.js';
import { probeRedis } from './queue/redis.js';
import { inShard, type Shard } from './shard.js';

export interface SweepOptions {
  out: string;
  workers: number;
  /** Per-try limit in seconds; 0 = none. */
  timeoutS: number;
  retries: number;
  shard?: Shard;
  maxConfigs?: number;
  /** Drop the failed lines of earlier runs and run those configs again. */
  retryFailed?: boolean;
  /** Plan and count only: nothing runs, nothing is written. */
  dryRun?: boolean;
  /** Progress on stderr (default true). */
  progress?: boolean;
  /** Run the jobs on a BullMQ queue (Redis URL, queue name) served by `hetsim worker`s, not on local threads. */
  queue?: { url: string; name: string };
}

export interface SweepSummary {
  /** Configs of the spec (all shards), after filters and de-duplication. */
  configs: number;
  /** This shard's share of them. */
  inShard: number;
  /** Already in results.jsonl, not run again. */
  skipped: number;
  ok: number;
  failed: number;
  /** Torn bytes cut from the end of results.jsonl (a killed earlier run). */
  repairedBytes: number;
  path: string;
  /** The first few failures, for the summary. */
  failures: { label: string; code: string; message: string }[];
}

export function resultLine(c: PlannedConfig, outcome: JobOutcome): ResultLine {
  if (!outcome.ok) return { hash: c.hash, system: c.task.system, mode: c.mode, config: c.config, metrics: {}, status: 'failed', error: outcome.error, version: VERSION };
  const r = outcome.result;
  // the key is computed before running; a descriptor whose result config differs breaks resumption
  if (configHash(r.system, r.mode, r.config) !== c.hash) warnOnce(`hash:${r.system}`, `system ${r.system} reports a config that differs from its loaded scenario's (hash ${c.hash}); results stay keyed by the planned hash`);
  return { hash: c.hash, system: r.system, mode: r.mode, config: r.config, metrics: r.metrics, status: 'ok', version: r.version };
}

export async function runSweep(specPath: string, opts: SweepOptions): Promise<SweepSummary> {
  const plan = await planSweep(specPath, { maxConfigs: opts.maxConfigs });
  const mine = inShard(plan.configs, opts.shard);
  // before anything is written: a down Redis is bad input (exit 2), not a half-made output folder
  if (opts.queue && !opts.dryRun) await probeRedis(opts.queue.url);
  const path = opts.dryRun ? `${opts.out}/results.jsonl` : prepareOutDir(opts.out);
  const existing = readResults(path);
  let kept = existing.lines;
  let validBytes = existing.validBytes;
  if (opts.retryFailed && !opts.dryRun && kept.some((l) => l.status === 'failed')) {
    kept = kept.filter((l) => l.status === 'ok');
    const text = kept.map((l) => `${JSON.stringify(l)}\n`).join('');
    // atomic: a kill here leaves the old file or the new one
    writeFileAtomicSync(path, text);
    validBytes = Buffer.byteLength(text);
  }
  const done = new Set(kept.map((l) => l.hash));
  const todo = mine.filter((c) => !done.has(c.hash));
  const summary: SweepSummary = { configs: plan.configs.length, inShard: mine.length, skipped: mine.length - todo.length, ok: 0, failed: 0, repairedBytes: existing.tornBytes, path, failures: [] };
  if (opts.dryRun) return summary;

  const writer = new ResultsWriter(path, validBytes);
  // longest first, so the workers finish together (a stable sort keeps the spec order otherwise)
  todo.sort((a, b) => b.cost - a.cost);
  const progress = opts.progress === false || todo.length === 0 ? undefined : progressReporter(todo.length, { label: 'hetsim: sweep' });
  const onOutcome = (i: number, outcome: JobOutcome) => {
    writer.append(resultLine(todo[i], outcome));
    if (outcome.ok) summary.ok++;
    else {
      summary.failed++;
      if (summary.failures.length < 5) summary.failures.push({ label: todo[i].label, code: outcome.error.code, message: outcome.error.message });
    }
    progress?.update(summary.ok + summary.failed, summary.failed);
  };
  const tasks = todo.map((c) => ({ ...c.task, hash: c.hash }));
  const limits = { timeoutMs: opts.timeoutS * 1000, retries: opts.retries, onOutcome };
  try {
    if (opts.queue) {
      const { url, name } = opts.queue;
      const { runOnQueue } = await import('./queue/produce.js');
      await runOnQueue(tasks, { ...limits, url, name, onNoWorkers: () => process.stderr.write(`hetsim: sweep: ${todo.length} jobs queued on ${url} (queue ${name}), no worker connected yet; start some with: hetsim worker --queue ${url}${name === DEFAULT_QUEUE_NAME ? '' : ` --queue-name ${name}`}\n`) });
    } else {
      await streamTasks(tasks, { ...limits, threads: opts.workers });
    }
  } finally {
    writer.close();
    progress?.finish();
  }
  return summary;
}
