/**
 * `hetsim sweep SPEC.yaml -o DIR` (run a sweep spec, resumably, optionally one shard of it) and
 * `hetsim sweep merge DIR… -o DIR` (join shard outputs). docs/sweeps.md is the user guide.
 */
import { availableParallelism } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { HetsimError } from '../../errors.js';
import { DEFAULT_QUEUE_NAME } from '../../sweep/queue/job.js';
import { checkRedisUrl } from '../../sweep/queue/redis.js';
import { numberFlag, pngScaleFlag } from '../flag-values.js';

/** Exit code when the sweep ran to the end but some configs failed and --strict was given. */
export const EXIT_SOME_FAILED = 3;

/** A BullMQ queue name: letters, digits, `-_.` (BullMQ joins it into Redis keys with `:`). */
export function queueName(v: unknown): string {
  const name = String(v);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name)) throw new HetsimError('config_invalid', `expected letters, digits, '-', '_' or '.' (at most 100), got '${name}'`, '--queue-name');
  return name;
}

const EPILOG = `Exit codes: 0 every config ran (failed configs are recorded in results.jsonl as status "failed"; with --strict, 3 if any failed), 2 bad input (spec, config, flags, output folder; nothing written), 1 internal error. Rerunning the same command resumes: configs already in results.jsonl are skipped. See docs/sweeps.md.`;

function runCommand(setExit: (c: number) => void): CommandModule {
  return {
    command: '$0 <spec>',
    describe: 'run every config of a sweep spec, one result line each in DIR/results.jsonl',
    builder: (y: Argv) =>
      y
        .positional('spec', { type: 'string', describe: 'sweep spec YAML (see models/sweeps/)' })
        .option('out', { alias: 'o', type: 'string', default: 'results', describe: 'output folder (results.jsonl)' })
        .option('workers', { type: 'number', defaultDescription: `all cores (${availableParallelism()})`, describe: 'worker threads' })
        .option('shard', { type: 'string', describe: 'run slice i of N (i/N, i from 0): the configs at positions ≡ i mod N' })
        .option('timeout-s', { type: 'number', default: 900, describe: 'per-try limit of one config in seconds (0 = none); its worker is terminated' })
        .option('retries', { type: 'number', default: 2, describe: 'tries again after a worker crash or timeout (a config error is final)' })
        .option('max-configs', { type: 'number', describe: "most configs the sweep may expand to (default: the spec's max_configs, else 100000)" })
        .option('retry-failed', { type: 'boolean', default: false, describe: 'run again the configs recorded as failed by an earlier run' })
        .option('strict', { type: 'boolean', default: false, describe: `exit ${EXIT_SOME_FAILED} if any config failed` })
        .option('dry-run', { type: 'boolean', default: false, describe: 'validate and count the configs; run and write nothing' })
        .option('progress', { type: 'boolean', default: true, describe: 'progress on stderr (a bar on a terminal, else a line every 2 s / 10 %)' })
        .option('queue', { type: 'string', describe: 'run the jobs on a BullMQ queue at this Redis URL (redis://host:port); `hetsim worker --queue URL` processes on any hosts run them' })
        .option('queue-name', { type: 'string', default: DEFAULT_QUEUE_NAME, describe: 'BullMQ queue name, with --queue (workers must use the same)' })
        .epilog(EPILOG),
    handler: async (argv) => {
      if (argv.queue === undefined && argv['queue-name'] !== DEFAULT_QUEUE_NAME) throw new HetsimError('config_invalid', 'is used with --queue URL only', '--queue-name');
      if (argv.queue !== undefined && argv.workers !== undefined) {
        throw new HetsimError('config_invalid', 'with --queue the jobs run in `hetsim worker` processes; give them --workers (hetsim worker --queue URL --workers N)', '--workers');
      }
      const queue = argv.queue === undefined ? undefined : { url: checkRedisUrl(String(argv.queue)), name: queueName(argv['queue-name']) };
      const { runSweep } = await import('../../sweep/run-sweep.js');
      const { parseShard } = await import('../../sweep/shard.js');
      const s = await runSweep(String(argv.spec), {
        out: String(argv.out),
        workers: argv.workers === undefined ? availableParallelism() : numberFlag(argv.workers, '--workers', 1),
        timeoutS: numberFlag(argv['timeout-s'], '--timeout-s', 0),
        retries: numberFlag(argv.retries, '--retries', 0),
        shard: argv.shard === undefined ? undefined : parseShard(String(argv.shard)),
        maxConfigs: argv['max-configs'] === undefined ? undefined : numberFlag(argv['max-configs'], '--max-configs', 1),
        retryFailed: Boolean(argv['retry-failed']),
        dryRun: Boolean(argv['dry-run']),
        progress: Boolean(argv.progress),
        queue,
      });
      const shard = argv.shard === undefined ? '' : ` (shard ${String(argv.shard)}: ${s.inShard})`;
      const err = process.stderr;
      if (s.repairedBytes > 0) err.write(`hetsim: sweep: cut a torn last line (${s.repairedBytes} bytes) from ${s.path}\n`);
      if (argv['dry-run']) {
        err.write(`hetsim: sweep: ${s.configs} configs${shard}, ${s.skipped} already in ${s.path}, ${s.inShard - s.skipped} to run (dry run: nothing ran)\n`);
        setExit(0);
        return;
      }
      for (const f of s.failures) err.write(`hetsim: sweep: failed: ${f.label}: ${f.code}: ${f.message}\n`);
      err.write(`hetsim: sweep: ${s.configs} configs${shard}: ${s.ok} ok, ${s.failed} failed, ${s.skipped} skipped (already in ${s.path})\n`);
      setExit(argv.strict && s.failed > 0 ? EXIT_SOME_FAILED : 0);
    },
  };
}

function mergeCommand(setExit: (c: number) => void): CommandModule {
  return {
    command: 'merge <dirs..>',
    describe: 'join the results.jsonl of shard output folders (union by hash) into one folder',
    builder: (y: Argv) =>
      y
        .positional('dirs', { type: 'string', array: true, describe: 'output folders of the shards' })
        .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'folder for the merged results.jsonl' }),
    handler: async (argv) => {
      const { mergeResultDirs } = await import('../../sweep/merge.js');
      const m = await mergeResultDirs((argv.dirs as string[]).map(String), String(argv.out));
      process.stderr.write(`hetsim: sweep merge: ${m.lines} results in ${m.path} (${m.collapsed} duplicates collapsed)\n`);
      setExit(0);
    },
  };
}

function reportCommand(setExit: (c: number) => void): CommandModule {
  return {
    command: 'report <dir>',
    describe: "draw a sweep's results: a metric by one axis per value of another, heatmaps, a Pareto front",
    builder: (y: Argv) =>
      y
        .positional('dir', { type: 'string', describe: 'sweep output folder (results.jsonl) or a results .jsonl file' })
        .option('out', { alias: 'o', type: 'string', describe: 'report folder (default: DIR/report)' })
        .option('metric', { type: 'string', describe: "the metric to plot (default: the system's first)" })
        .option('x', { type: 'string', describe: 'swept key on the x axis (default: the first numeric one)' })
        .option('by', { type: 'string', describe: 'swept key drawn as one line/bar group per value (default: mode, else the next key)' })
        .option('where', { type: 'string', array: true, describe: 'keep results with key=value (repeatable); fixes an axis' })
        .option('heatmap', { type: 'boolean', default: false, describe: 'also a heatmap of the metric over --x × --by' })
        .option('pareto', { type: 'string', describe: 'METRIC_X,METRIC_Y: a scatter of every result with its Pareto front' })
        .option('png-scale', { type: 'number', default: 1, describe: 'PNG size as a multiple of the SVG (2 for slides)' })
        .example('$0 sweep report results/decode --metric tokens_per_s --x batch --by hardware --pareto time_s,tokens_per_s', ''),
    handler: async (argv) => {
      const { readResultSet } = await import('../../sweep/read-results.js');
      const { sweepSection } = await import('../../sweep/sweep-views.js');
      const { writeReport } = await import('../../report/write-report.js');
      const dir = String(argv.dir);
      const pngScale = pngScaleFlag(argv['png-scale']);
      let pareto: [string, string] | undefined;
      if (argv.pareto !== undefined) {
        const parts = String(argv.pareto).split(',').map((p) => p.trim());
        if (parts.length !== 2 || parts.some((p) => p === '')) throw new HetsimError('config_invalid', `expected two metric names, METRIC_X,METRIC_Y, got '${String(argv.pareto)}'`, '--pareto');
        pareto = [parts[0], parts[1]];
      }
      const set = readResultSet(dir);
      const spec = sweepSection(set.lines, dir, {
        metric: argv.metric as string | undefined,
        x: argv.x as string | undefined,
        by: argv.by as string | undefined,
        where: (argv.where as string[] | undefined)?.map(String),
        heatmap: Boolean(argv.heatmap),
        pareto,
      });
      const out = argv.out === undefined ? `${dir.replace(/\/results\.jsonl$|\.jsonl$/, '')}/report` : String(argv.out);
      const page = await writeReport(out, `hetsim sweep report: ${dir}`, [{ spec, system: set.lines[0].system }], pngScale);
      process.stderr.write(`hetsim: wrote ${page.path} (${page.figures} figures)\n`);
      setExit(0);
    },
  };
}

export function sweepCommand(setExit: (c: number) => void): CommandModule {
  return {
    command: 'sweep',
    describe: 'run a sweep spec (axes × modes) on the worker pool, resumably; merge shard outputs; draw the results',
    builder: (y: Argv) => y.command(mergeCommand(setExit)).command(reportCommand(setExit)).command(runCommand(setExit)),
    handler: () => undefined,
  };
}
