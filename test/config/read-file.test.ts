/** Malformed YAML: one error naming the file, line and column, with the offending line and a caret. */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readConfigFile, yamlError } from '../../src/config/read-file.js';
import { HetsimError } from '../../src/errors.js';
import { scratchDir } from '../scratch.js';

async function parseError(text: string): Promise<{ e: HetsimError; path: string }> {
  const path = join(scratchDir(), 'bad.yaml');
  writeFileSync(path, text);
  try {
    await readConfigFile(path, 'hardware');
  } catch (e) {
    if (e instanceof HetsimError) return { e, path };
    throw e;
  }
  throw new Error('parsed');
}

describe('malformed YAML', () => {
  it('keeps the offending line and the caret under the column', async () => {
    const { e, path } = await parseError('name: a: b\n');
    expect(e.code).toBe('parse_error');
    expect(e.message).toBe(`malformed YAML in ${path} at line 1, column 7: Nested mappings are not allowed in compact mappings\n  1 | name: a: b\n    |       ^`);
  });

  it('shows the previous line too when the error is at the start of a line', async () => {
    const { e, path } = await parseError('name: my chip\nbandwidth: [1, 2\npeak: x\n');
    expect(e.message).toBe(
      `malformed YAML in ${path} at line 3, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]\n  2 | bandwidth: [1, 2\n  3 | peak: x\n    | ^`,
    );
  });

  it('duplicate keys are an error', async () => {
    const { e } = await parseError('name: x\nname: y\n');
    expect(e.message).toMatch(/at line 2, column 1: Map keys must be unique\n  1 \| name: x\n  2 \| name: y\n    \| \^$/);
  });

  it('pads the gutter to the line number and falls back to the plain message', () => {
    expect(yamlError('f.yaml', 'Bad thing at line 10, column 3:\n\n  x: 1\n  ^\n').message).toBe('malformed YAML in f.yaml at line 10, column 3: Bad thing\n  10 |   x: 1\n     |   ^');
    expect(yamlError('f.yaml', 'Something odd').message).toBe('malformed YAML in f.yaml: Something odd');
    expect(yamlError('f.yaml', 'Unexpected end at line 4, column 1').message).toBe('malformed YAML in f.yaml at line 4, column 1: Unexpected end');
  });
});
