/**
 * Atomic file writes for every report output: readers (a browser refreshing
 * index.html, a CI step globbing PNGs) see the old file or the new one, never
 * a half-written one. The temp file lives in the target's directory because
 * rename(2) is only atomic within one filesystem.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Unique per call: pid alone is shared by worker threads writing in parallel. */
function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Writes `data` to `path` via temp file + fsync + rename, creating parent directories. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = tempPath(path);
  try {
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(data);
      // Without the fsync a crash after rename can leave an empty file under the final name.
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Synchronous twin for CLI code paths that are synchronous anyway. */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempPath(path);
  try {
    writeFileSync(tmp, data, { flag: 'wx', flush: true });
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
