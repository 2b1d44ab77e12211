// Build step: resolve every preset in models/ (YAML + units) into dist/presets.json so the CLI's
// hot path never imports yaml, zod or mathjs. Run after tsc (see package.json "build").
import { renameSync, writeFileSync } from 'node:fs';
import { compileIndex } from '../dist/systems/preset-registry.js';

const index = await compileIndex();
const out = new URL('../dist/presets.json', import.meta.url);
const tmp = new URL('../dist/presets.json.tmp', import.meta.url);
writeFileSync(tmp, JSON.stringify(index));
renameSync(tmp, out);
console.error(`hetsim: compiled ${Object.keys(index.llm).length} LLM and ${Object.keys(index.hardware).length} hardware presets`);
