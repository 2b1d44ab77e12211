/** `hetsim report` (what `npm start` runs): the default scenario set → reports/index.html + figures. */
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import type { ReportFigure, ReportSection } from '../../report/html.js';
import { MODELS_DIR } from '../../systems/preset-registry.js';
import { runRoofline } from '../../systems/roofline/run.js';
import type { NeupimsResult } from '../../systems/neupims/neupims-result.js';
import { runTasks } from '../../sweep/pool.js';
import { loadScenarioSet } from '../../sweep/scenario-set.js';
import type { SweepTask } from '../../sweep/tasks.js';
import { readConfigFile } from '../../config/read-file.js';
import { parseScenario } from '../../systems/neupims/scenario.js';

type NeupimsTask = Extract<SweepTask, { system: 'neupims' }> & { batch: number };

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
      const figure = async (name: string, svg: string, caption: string): Promise<ReportFigure> => {
        await writeFileAtomic(join(out, 'img', `${name}.svg`), svg);
        await writeFileAtomic(join(out, 'img', `${name}.png`), svgToPng(svg));
        return { svg, caption, png: `img/${name}.png` };
      };
      const sections: ReportSection[] = [];

      if (set.roofline.length > 0) {
        const { rooflineFigure, rooflineSection } = await import('../../report/sections/roofline.js');
        const scenarios = [];
        for (const s of set.roofline) {
          const results = [];
          for (const r of s.requests) results.push(await runRoofline(r, `scenario ${s.id}: `));
          scenarios.push({ id: s.id, caption: s.caption, results });
        }
        const figures = [];
        for (const s of scenarios) figures.push(await figure(s.id, rooflineFigure(s).svg, s.caption));
        sections.push(rooflineSection(scenarios, figures));
      }

      if (set.neupims.length > 0 || set.neupims_sweep.length > 0) {
        // Cycle-level simulations take seconds each: run every distinct (scenario, batch, mode) once,
        // on the worker pool — a sweep point at the scenario's own batch reuses the mode comparison's run.
        const own = new Map<string, ReturnType<typeof parseScenario>>();
        for (const s of [...set.neupims, ...set.neupims_sweep]) {
          if (!own.has(s.scenario)) own.set(s.scenario, parseScenario(await readConfigFile(s.scenario, 'scenario'), s.scenario));
        }
        const wanted: NeupimsTask[] = [
          ...set.neupims.flatMap((s) => s.modes.map((mode) => ({ system: 'neupims' as const, scenario: s.scenario, mode, batch: own.get(s.scenario)!.batch }))),
          ...set.neupims_sweep.flatMap((s) =>
            s.batches.flatMap((batch) => s.modes.map((mode) => ({ system: 'neupims' as const, scenario: s.scenario, mode, batch, steadyStateLayers: s.steady_state_layers }))),
          ),
        ];
        const key = (t: NeupimsTask): string => `${t.scenario}|${t.mode}|${t.batch}|${t.steadyStateLayers ?? ''}`;
        // Longest first (interleaved runs simulate more layers; cost grows with the batch) so the pool's
        // workers finish together.
        // (0 cycle-level layers = all of them: the longest.)
        const cost = (t: NeupimsTask): number => {
          const layers = t.steadyStateLayers ?? own.get(t.scenario)!.steady_state_layers;
          return t.mode === 'gpu' ? 0 : (t.mode === 'neupims' ? 2 : 1) * (layers === 0 ? Number.MAX_SAFE_INTEGER : layers) * (1 + t.batch / 512);
        };
        const unique = [...new Map(wanted.map((t) => [key(t), t])).values()].sort((a, b) => cost(b) - cost(a));
        const byKey = new Map<string, NeupimsResult>();
        (await runTasks(unique, { threads: argv.threads as number | undefined })).forEach((r, i) => byKey.set(key(unique[i]), r.result as NeupimsResult));
        const results = wanted.map((t) => byKey.get(key(t))!);
        const ns = await import('../../report/sections/neupims.js');
        let k = 0;
        const scenarios = set.neupims.map((s) => ({ id: s.id, caption: s.caption, results: s.modes.map(() => results[k++]) }));
        const sweeps = set.neupims_sweep.map((s) => ({ id: s.id, caption: s.caption, batches: s.batches, modes: s.modes, results: s.batches.map(() => s.modes.map(() => results[k++])) }));
        const figures = [];
        for (const s of scenarios) {
          figures.push(await figure(`${s.id}-modes`, ns.neupimsModeBars(s), `${s.caption}: decode throughput of each mode on the same requests`));
          const np = s.results.find((r) => r.mode === 'neupims' && r.gantt.length > 0);
          if (np) figures.push(await figure(`${s.id}-gantt`, ns.neupimsGantt(np), `${s.caption}: NPU and PIM busy time per sub-batch-interleaving stage`));
        }
        for (const s of sweeps) {
          if (s.modes.includes('neupims') && s.modes.length > 1) figures.push(await figure(`${s.id}-sweep`, ns.neupimsSweepChart(s), `${s.caption}: NeuPIMs speedup over each baseline by batch size`));
        }
        const section = ns.neupimsSection(scenarios, figures);
        section.tables = [...(section.tables ?? []), ...sweeps.map(ns.neupimsSweepTable)];
        sections.push(section);
      }

      await writeFileAtomic(join(out, 'index.html'), renderIndexHtml({ title: set.title, generated_by: 'hetsim report', sections }));
      process.stderr.write(`hetsim: wrote ${join(out, 'index.html')} (${sections.reduce((n, s) => n + s.figures.length, 0)} figures)\n`);
      setExit(0);
    },
  };
}
