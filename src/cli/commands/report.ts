/**
 * `hetsim report` (what `npm start` runs): a scenario set → reports/index.html + figures. Generic
 * over systems: every run goes to the worker pool, and each system's descriptor turns its results
 * into a section of chart specs that src/report renders.
 */
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { HetsimError } from '../../errors.js';
import type { ReportFigure, ReportSection } from '../../report/html.js';
import { MODELS_DIR } from '../../systems/preset-registry.js';
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
        .option('threads', { type: 'number', describe: 'worker threads for the simulations (default: all cores)' }),
    handler: async (argv) => {
      const out = String(argv.out);
      const set = await loadScenarioSet(String(argv.scenarios));
      const { renderIndexHtml, svgToPng, writeFileAtomic } = await import('../../report/index.js');
      const { renderChartSvg } = await import('../../report/charts.js');

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
      const sections: ReportSection[] = [];
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
        const spec = system.report!(entries);
        const figures: ReportFigure[] = [];
        for (const f of spec.figures) {
          const svg = renderChartSvg(f.chart);
          await writeFileAtomic(join(out, 'img', `${f.name}.svg`), svg);
          await writeFileAtomic(join(out, 'img', `${f.name}.png`), svgToPng(svg));
          figures.push({ svg, caption: f.caption, png: `img/${f.name}.png` });
        }
        sections.push({ id: spec.id, title: spec.title, intro: spec.intro, figures, tables: spec.tables });
      }

      await writeFileAtomic(join(out, 'index.html'), renderIndexHtml({ title: set.title, generated_by: 'hetsim report', sections }));
      process.stderr.write(`hetsim: wrote ${join(out, 'index.html')} (${sections.reduce((n, s) => n + s.figures.length, 0)} figures)\n`);
      setExit(0);
    },
  };
}
