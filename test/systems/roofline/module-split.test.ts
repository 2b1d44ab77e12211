/**
 * analyze.ts is the entry point (validate a request, run it); the step/activation/memory/result
 * helpers live in step.ts, which generate.ts imports, so generate no longer depends on the entry point.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as analyze from '../../../src/systems/roofline/analyze.js';
import * as step from '../../../src/systems/roofline/step.js';

const src = (f: string) => readFileSync(new URL(`../../../src/systems/roofline/${f}`, import.meta.url), 'utf8');
const imports = (text: string) => [...text.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);

describe('roofline module split', () => {
  it('generate.ts and step.ts do not import the entry point analyze.ts', () => {
    expect(imports(src('generate.ts'))).not.toContain('./analyze.js');
    expect(imports(src('generate.ts'))).toContain('./step.js');
    expect(imports(src('step.ts'))).not.toContain('./analyze.js');
    expect(imports(src('step.ts'))).not.toContain('./generate.js');
    expect(imports(src('llm-viewer-step.ts'))).not.toContain('./analyze.js');
  });

  it('analyze.js exports the entry points only; the helpers are step.js\'s', () => {
    expect(Object.keys(analyze).sort()).toEqual(['analyze', 'checkRequest', 'prepare']);
    for (const name of ['stepFn', 'sumTotals', 'memoryOf', 'makeResult', 'bitsLabel', 'activationRule', 'addRowActivation', 'stepActivation', 'activationOfStep'] as const) {
      expect(typeof step[name], name).toBe('function');
    }
  });
});
