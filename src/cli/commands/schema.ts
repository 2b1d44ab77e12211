/** `hetsim schema`: the JSON Schemas of hetsim's config files, for editor completion. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { z } from 'zod';
import { hardwareFileSchema } from '../../hw/hardware-preset.js';
import { scenarioSetSchema } from '../../sweep/scenario-set.js';
import { sweepSpecSchema } from '../../sweep/sweep-spec.js';
import { SYSTEMS } from '../../systems/registry.js';
import { llmFileSchema } from '../../workload/model-preset.js';

/** The config files' kinds, then per registered system its scenario (kind = its id) and its other files. */
function kinds(): { kind: string; title: string; schema: z.ZodType }[] {
  return [
    { kind: 'hardware', title: 'hetsim hardware preset (models/hardware/*.yaml)', schema: hardwareFileSchema },
    { kind: 'llm', title: 'hetsim LLM preset (models/llm/*.yaml)', schema: llmFileSchema },
    { kind: 'scenarios', title: 'hetsim scenario set (models/scenarios/default.yaml)', schema: scenarioSetSchema },
    { kind: 'sweep', title: 'hetsim sweep spec (models/sweeps/*.yaml, `hetsim sweep`)', schema: sweepSpecSchema },
    ...SYSTEMS.flatMap((s) => [{ kind: s.id, title: `hetsim ${s.id} scenario (system: ${s.id}): ${s.describe}`, schema: s.scenarioSchema }, ...(s.fileSchemas ?? [])]),
  ];
}

/** File kind → schema. `schemas/<kind>.schema.json` in the repository is generated from this. */
export function jsonSchemas(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { kind, title, schema } of kinds()) {
    out[kind] = { $id: `https://hetsim.dev/schemas/${kind}.schema.json`, title, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) };
  }
  return out;
}

export function schemaCommand(setExit: (c: number) => void): CommandModule {
  return {
    command: 'schema',
    describe: 'print (or write) the JSON Schemas of the config files',
    builder: (y: Argv) =>
      y
        .option('kind', { type: 'string', choices: kinds().map((k) => k.kind), describe: 'only this file kind' })
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
