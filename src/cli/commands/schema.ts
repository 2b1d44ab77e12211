/** `hetsim schema`: the JSON Schemas of hetsim's config files, for editor completion. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { z } from 'zod';
import { hardwareFileSchema } from '../../hw/hardware-preset.js';
import { scenarioSetSchema } from '../../sweep/scenario-set.js';
import { scenarioSchema as neupimsScenarioSchema } from '../../systems/neupims/scenario.js';
import { measurementFileSchema } from '../../systems/roofline/measurements.js';
import { llmFileSchema } from '../../workload/model-preset.js';

/** File kind → schema. `schemas/<kind>.schema.json` in the repository is generated from this. */
export function jsonSchemas(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const kinds = { hardware: hardwareFileSchema, llm: llmFileSchema, scenarios: scenarioSetSchema, neupims: neupimsScenarioSchema, measurements: measurementFileSchema } as const;
  const titles: Record<keyof typeof kinds, string> = {
    hardware: 'hetsim hardware preset (models/hardware/*.yaml)',
    llm: 'hetsim LLM preset (models/llm/*.yaml)',
    scenarios: 'hetsim scenario set (models/scenarios/default.yaml)',
    neupims: 'hetsim NeuPIMs scenario (models/scenarios/neupims-*.yaml)',
    measurements: 'hetsim kernel timings for `hetsim calibrate` (models/hardware/measurements/*.json)',
  };
  for (const [kind, schema] of Object.entries(kinds)) {
    out[kind] = { $id: `https://hetsim.dev/schemas/${kind}.schema.json`, title: titles[kind as keyof typeof kinds], ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) };
  }
  return out;
}

export function schemaCommand(setExit: (c: number) => void): CommandModule {
  return {
    command: 'schema',
    describe: 'print (or write) the JSON Schemas of the config files',
    builder: (y: Argv) =>
      y
        .option('kind', { type: 'string', choices: ['hardware', 'llm', 'scenarios', 'neupims', 'measurements'], describe: 'only this file kind' })
        .option('out', { type: 'string', describe: 'write <kind>.schema.json files into this folder' }),
    handler: async (argv) => {
      const { writeFileAtomic } = await import('../../report/atomic-write.js');
      const all = jsonSchemas();
      const kinds = argv.kind ? [String(argv.kind)] : Object.keys(all);
      if (argv.out) {
        mkdirSync(String(argv.out), { recursive: true });
        for (const k of kinds) await writeFileAtomic(join(String(argv.out), `${k}.schema.json`), `${JSON.stringify(all[k], null, 2)}\n`);
      } else {
        process.stdout.write(`${JSON.stringify(kinds.length === 1 ? all[kinds[0]] : all, null, 2)}\n`);
      }
      setExit(0);
    },
  };
}
