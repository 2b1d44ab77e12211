import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../scratch.js';
import { writeFileAtomic, writeFileAtomicSync } from '../../src/report/atomic-write.js';

const scratch = () => scratchDir('hetsim-atomic-');

describe('writeFileAtomic(path, data)', () => {
  it('writes strings and bytes, creating missing parent directories', async () => {
    const dir = scratch();
    await writeFileAtomic(join(dir, 'a/b/c.txt'), 'hello');
    await writeFileAtomic(join(dir, 'a/b/d.bin'), new Uint8Array([1, 2, 3]));
    expect(readFileSync(join(dir, 'a/b/c.txt'), 'utf8')).toBe('hello');
    expect([...readFileSync(join(dir, 'a/b/d.bin'))]).toEqual([1, 2, 3]);
  });

  it('leaves no temp files behind', async () => {
    const dir = scratch();
    for (let i = 0; i < 5; i++) await writeFileAtomic(join(dir, 'out.svg'), `<svg>${i}</svg>`);
    expect(readdirSync(dir)).toEqual(['out.svg']);
    expect(readFileSync(join(dir, 'out.svg'), 'utf8')).toBe('<svg>4</svg>');
  });

  it('never exposes a partial file to concurrent readers', async () => {
    const dir = scratch();
    const path = join(dir, 'big.txt');
    const versions = ['a', 'b', 'c'].map((c) => c.repeat(4 << 20));
    await writeFileAtomic(path, versions[0]);
    let reads = 0;
    let done = false;
    const reader = (async () => {
      while (!done) {
        const got = readFileSync(path, 'utf8');
        expect(versions).toContain(got);
        reads++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    await Promise.all(Array.from({ length: 12 }, (_, i) => writeFileAtomic(path, versions[i % 3])));
    done = true;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual(['big.txt']);
  });

  it('cleans up and keeps the old target when the rename fails', async () => {
    const dir = scratch();
    const target = join(dir, 'taken');
    mkdirSync(target);
    writeFileSync(join(target, 'keep'), 'x');
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readdirSync(target)).toEqual(['keep']);
  });
});

describe('writeFileAtomicSync(path, data)', () => {
  it('writes, creates parents and leaves no temp files', () => {
    const dir = scratch();
    writeFileAtomicSync(join(dir, 'x/y.html'), '<p>1</p>');
    writeFileAtomicSync(join(dir, 'x/y.html'), '<p>2</p>');
    expect(readFileSync(join(dir, 'x/y.html'), 'utf8')).toBe('<p>2</p>');
    expect(readdirSync(join(dir, 'x'))).toEqual(['y.html']);
  });

  it('cleans up when the rename fails', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'taken'));
    writeFileSync(join(dir, 'taken', 'keep'), 'x');
    expect(() => writeFileAtomicSync(join(dir, 'taken'), 'data')).toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});
