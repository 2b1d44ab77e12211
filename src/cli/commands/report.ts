/**
 * `hetsim report` (what `npm start` runs): a scenario set → reports/index.html + figures. Generic
 * over systems: every run goes to the worker pool, and each system's descriptor turns its results
 * into a section of chart specs that src/report renders.
 */
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { HetsimError } from '../../errors.js';
import { MODELS_DIR } from '../../systems/preset-registry.js';
import { pngScaleFlag } from '../flag-values.js';
import type { AnySystem, ReportEntry, SystemResult } from '../../systems/system.js';
import { runTasks } from '../../sweep/pool.js';
import { progressReporter } from '../../sweep/progress.js';
import { loadScenarioSet, type PlannedRun } from '../../sweep/scenario-set.js';

/** Runs with the same system, mode and resolved config are made once (a sweep point may equal an entry). */
const runKey = (r: PlannedRun): string => `${r.task.system}|${r.task.mode}|${JSON.stringify(r.scenario.config)}`;

export function reportCommand(setExit: (c: number) => void): CommandModule {
  return {
    command: 'report',
    describe: 'run a scenario set and write an HTML report with SVG/PNG figures',
    builder: (y: Argv) =>
      y
        .option('scenarios', { type: 'string', default: join(MODELS_DIR, 'scenarios', 'default.yaml'), defaultDescription: 'models/scenarios/default.yaml', describe: 'scenario-set YAML' })
        .option('out', { type: 'string', default: 'reports', describe: 'output folder (index.html, img/*.svg|png)' })
        .option('threads', { type: 'number', describe: 'worker threads for the simulations (default: all cores)' })
        .option('png-scale', { type: 'number', default: 1, describe: 'PNG size as a multiple of the SVG (2 for slides; text is rasterised at that size, so it stays sharp)' })
        .epilog('Writes OUT/index.html (self-contained: figures, tables, provenance, one inline script for tooltips and zoomable timelines) and, per figure, OUT/img/NAME.svg, NAME.png and NAME.json (the chart\'s data). SOURCE_DATE_EPOCH, when set, fixes the date in the page.'),
    handler: async (argv) => {
      const out = String(argv.out);
      const pngScale = pngScaleFlag(argv['png-scale']);
      const set = await loadScenarioSet(String(argv.scenarios));

      const silent = set.entries.findIndex((e) => !e.system.report);
      if (silent >= 0) {
        const e = set.entries[silent];
        throw new HetsimError('config_invalid', `system ${e.system.id} contributes no report section, so entry '${e.id}' would run and show nothing`, `systems[${silent}].system`);
      }
      const planned = set.entries.flatMap((e) => e.runs.flat());
      const cost = (r: PlannedRun): number => set.entries.find((e) => e.system.id === r.task.system)!.system.cost?.(r.scenario, r.task.mode) ?? 0;
      // longest first, so the pool's workers finish together
      const unique = [...new Map(planned.map((r) => [runKey(r), r])).values()].sort((a, b) => cost(b) - cost(a));
      const progress = progressReporter(unique.length, { label: 'hetsim: report' });
      const results = await runTasks(
        unique.map((r) => r.task),
        { threads: argv.threads as number | undefined, onProgress: (done) => progress.update(done) },
      );
      progress.finish();
      const byKey = new Map(unique.map((r, i) => [runKey(r), results[i]]));
      const resultOf = (r: PlannedRun): SystemResult => byKey.get(runKey(r))!;

      // one section per system, in the order the set first names it
      const systems: AnySystem[] = [...new Set(set.entries.map((e) => e.system))];
      const specs = [];
      for (const system of systems) {
        const entries: ReportEntry[] = set.entries
          .filter((e) => e.system === system)
          .map((e) => ({
            id: e.id,
            caption: e.caption,
            modes: e.modes,
            results: e.sweep ? [] : e.runs[0].map(resultOf),
            sweep: e.sweep ? { key: e.sweep.key, values: e.sweep.values, points: e.runs.map((row) => row.map(resultOf)) } : undefined,
          }));
        specs.push({ spec: await system.report!(entries), system: system.id });
      }
      const { writeReport } = await import('../../report/write-report.js');
      const page = await writeReport(out, set.title, specs, pngScale);
      process.stderr.write(`hetsim: wrote ${page.path} (${page.figures} figures)\n`);
      setExit(0);
    },
  };
}
