/** `hetsim roofline`: per-layer roofline analysis of one config, or many with --input. */
import type { Argv, CommandModule } from 'yargs';
import { HetsimError } from '../../errors.js';
import { toCsv, toTable, withoutLayers } from '../../systems/roofline/format.js';
import { REQUEST_DEFAULTS, REQUEST_HELP, REQUEST_KEYS, toRequest } from '../../systems/roofline/request.js';
import { asSystemResult } from '../../systems/roofline/result.js';
import { fitWarning, runRoofline } from '../../systems/roofline/run.js';
import { writePlot } from '../plot.js';

export function rooflineCommand(setExit: (c: number) => void): CommandModule {
  return {
    command: 'roofline',
    describe: 'per-layer OPs, bytes, bound and time of LLM prefill/decode/generate on a device',
    builder: (y: Argv) =>
      y
        .option('model', { alias: 'm', type: 'string', describe: REQUEST_HELP.model })
        .option('hardware', { alias: 'H', type: 'string', describe: REQUEST_HELP.hardware })
        .option('stage', { type: 'string', choices: ['prefill', 'decode', 'generate'], default: REQUEST_DEFAULTS.stage, describe: REQUEST_HELP.stage })
        .option('batch', { alias: 'b', type: 'string', default: String(REQUEST_DEFAULTS.batch), describe: REQUEST_HELP.batch })
        .option('seq', { alias: 's', type: 'string', default: String(REQUEST_DEFAULTS.seq), describe: REQUEST_HELP.seq })
        .option('gen', { type: 'string', default: String(REQUEST_DEFAULTS.gen), describe: REQUEST_HELP.gen })
        .option('bits', { type: 'string', default: REQUEST_DEFAULTS.bits, describe: REQUEST_HELP.bits })
        .option('flash', { type: 'boolean', default: REQUEST_DEFAULTS.flash, describe: REQUEST_HELP.flash })
        .option('tp', { type: 'string', default: String(REQUEST_DEFAULTS.tp), describe: REQUEST_HELP.tp })
        .option('mode', { type: 'string', choices: ['ideal', 'calibrated', 'llm-viewer'], default: REQUEST_DEFAULTS.mode, describe: REQUEST_HELP.mode })
        .option('json', { type: 'boolean', describe: 'print the result as JSON: {system, …analysis, config, metrics, version} (docs/roofline.md)' })
        .option('csv', { type: 'boolean', describe: 'print the rows as CSV' })
        .option('table', { type: 'boolean', describe: 'print a table (default)' })
        .option('plot', { type: 'string', describe: 'write a roofline plot: out.svg or out.png' })
        .option('summary', { type: 'boolean', describe: 'leave out the per-layer rows: totals, phases (generate) and memory only' })
        .option('input', { type: 'string', describe: 'JSONL file (or - for stdin): one request per line, one JSON result per line out' })
        .conflicts('json', 'csv')
        .conflicts('json', 'table')
        .conflicts('csv', 'table')
        .example('$0 roofline -m llama-2-7b -H h100-sxm --stage decode --batch 8 --seq 1024', 'decode step with 1024 cached tokens')
        .example('$0 roofline -m llama-2-70b -H h200 --stage prefill --seq 4096 --flash --tp 4 --json', 'JSON for a TP=4 prefill')
        .example('$0 roofline --input configs.jsonl > results.jsonl', 'thousands of configs in one process')
        .example('$0 roofline --input configs.jsonl --summary', 'the same, totals and memory only (no per-layer rows)'),
    handler: async (argv) => {
      const a = argv as Record<string, unknown>;
      const summary = a.summary === true;
      if (summary && (a.csv || a.plot !== undefined)) {
        throw new HetsimError('config_invalid', 'leaves out the per-layer rows that --csv and --plot print; use it with --json, --table or --input', '--summary');
      }
      const raw: Record<string, unknown> = {};
      for (const k of REQUEST_KEYS) if (a[k] !== undefined) raw[k] = a[k];
      if (a.input !== undefined) {
        if (a.plot !== undefined || a.csv || a.table) {
          throw new HetsimError('config_invalid', 'writes one JSON result per line; it cannot be combined with --plot, --csv or --table', '--input');
        }
        const { runBatch } = await import('../roofline-batch.js');
        setExit(await runBatch(String(a.input), raw, summary));
        return;
      }
      const req = toRequest(raw);
      const result = await runRoofline(req);
      const warn = fitWarning(result);
      if (warn) process.stderr.write(`${warn}\n`);
      if (a.plot !== undefined) await writePlot(String(a.plot), [result]);
      if (a.json) process.stdout.write(`${JSON.stringify(asSystemResult(summary ? withoutLayers(result) : result, result, req), null, 2)}\n`);
      else if (a.csv) process.stdout.write(toCsv([result]));
      else process.stdout.write(toTable(result, { rows: !summary }));
      setExit(0);
    },
  };
}
