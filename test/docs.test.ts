/**
 * The user docs (README.md, docs/, models/README.md) point only at files a user of the package has:
 * every relative link and every repository path in backticks exists, and none names a file outside
 * the repository or an issue number.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const DOCS = ['README.md', 'models/README.md', 'traces/request-lengths/README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
/** Folders a user's own run creates (npm start) and placeholders, not files of the repository. */
const GENERATED = /^(reports|results|dist|node_modules)\/|<|\*|…/;
const TOP = new Set(['bin', 'src', 'models', 'traces', 'schemas', 'scripts', 'test', 'bench', 'docs']);

describe('user docs', () => {
  for (const doc of DOCS) {
    const text = readFileSync(join(ROOT, doc), 'utf8');

    it(`${doc}: relative links resolve`, () => {
      const missing: string[] = [];
      for (const m of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/.test(target)) continue; // http(s), mailto
        if (!existsSync(resolve(ROOT, dirname(doc), target))) missing.push(target);
      }
      expect(missing).toEqual([]);
    });

    it(`${doc}: repository paths in backticks exist`, () => {
      const missing: string[] = [];
      for (const m of text.matchAll(/`([a-z][\w.-]*\/[\w./-]+)`/g)) {
        const p = m[1].replace(/\/$/, '');
        if (!TOP.has(p.split('/')[0]) || GENERATED.test(p)) continue;
        if (!existsSync(join(ROOT, p))) missing.push(p);
      }
      expect(missing).toEqual([]);
    });

    it(`${doc}: no path outside the repository, no issue numbers`, () => {
      expect(text).not.toMatch(/\.\.\/shared|\/work\/shared/);
      expect(text).not.toMatch(/\bissue #?\d+|\(#\d+\)|\B#\d{1,3}\b(?![0-9a-f])/i);
    });
  }
});
