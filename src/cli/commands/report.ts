/** `hetsim report` (what `npm start` runs): the default scenario set → reports/index.html + plots. */
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { MODELS_DIR } from '../../systems/preset-registry.js';
import { runRoofline } from '../../systems/roofline/run.js';
import { loadScenarioSet } from '../../sweep/scenario-set.js';

export function reportCommand(setExit: (c: number) => void): CommandModule {
  return {
    command: 'report',
    describe: 'run a scenario set and write an HTML report with SVG/PNG figures',
    builder: (y: Argv) =>
      y
        .option('scenarios', { type: 'string', default: join(MODELS_DIR, 'scenarios', 'default.yaml'), defaultDescription: 'models/scenarios/default.yaml', describe: 'scenario-set YAML' })
        .option('out', { type: 'string', default: 'reports', describe: 'output folder (index.html, img/*.svg|png)' }),
    handler: async (argv) => {
      const out = String(argv.out);
      const set = await loadScenarioSet(String(argv.scenarios));
      const { renderIndexHtml, svgToPng, writeFileAtomic } = await import('../../report/index.js');
      const { rooflineFigure, rooflineSection } = await import('../../report/sections/roofline.js');
      const scenarios = [];
      for (const s of set.roofline) {
        const results = [];
        for (const r of s.requests) results.push(await runRoofline(r, `scenario ${s.id}: `));
        scenarios.push({ id: s.id, caption: s.caption, results });
      }
      const figures = [];
      for (const s of scenarios) {
        const { svg, figure } = rooflineFigure(s);
        await writeFileAtomic(join(out, 'img', `${s.id}.svg`), svg);
        await writeFileAtomic(join(out, 'img', `${s.id}.png`), svgToPng(svg));
        figures.push({ ...figure, svg, png: `img/${s.id}.png` });
      }
      const html = renderIndexHtml({ title: set.title, generated_by: 'hetsim report', sections: [rooflineSection(scenarios, figures)] });
      await writeFileAtomic(join(out, 'index.html'), html);
      process.stderr.write(`hetsim: wrote ${join(out, 'index.html')} (${figures.length} figures)\n`);
      setExit(0);
    },
  };
}
