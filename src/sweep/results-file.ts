/**
 * `results.jsonl`, one ResultLine per config, written so that a sweep killed at any moment
 * (SIGKILL included) leaves every finished result on disk exactly once: each line is one append
 * write of the whole line, and on start a torn last line (no newline, or not a result) is cut away.
 * Lines are flushed to the OS at once (they survive a killed process) and fsynced every couple of
 * seconds and at the end (they survive a crashed machine up to the last sync).
 */
import { closeSync, existsSync, fdatasyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { HetsimError } from '../errors.js';
import type { ResultLine } from './config-hash.js';

export const RESULTS_FILE = 'results.jsonl';
const SYNC_EVERY_MS = 2000;

function isResultLine(v: unknown): v is ResultLine {
  const o = v as ResultLine;
  return typeof o === 'object' && o !== null && typeof o.hash === 'string' && (o.status === 'ok' || o.status === 'failed') && typeof o.system === 'string';
}

export interface ReadResults {
  lines: ResultLine[];
  /** Byte length of the complete, valid lines (where a torn tail starts). */
  validBytes: number;
  /** Bytes after them: a line cut short by a kill. */
  tornBytes: number;
}

/** The result lines of `path` (none if it does not exist). Only the last line may be torn; bad lines before it are an error. */
export function readResults(path: string): ReadResults {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], validBytes: 0, tornBytes: 0 };
    throw new HetsimError('file_missing', `cannot read ${path}: ${(e as Error).message}`);
  }
  const lines: ResultLine[] = [];
  let start = 0;
  let lineNo = 0;
  while (start < buf.length) {
    const nl = buf.indexOf(10, start);
    const end = nl < 0 ? buf.length : nl;
    lineNo++;
    let parsed: unknown;
    try {
      parsed = nl < 0 ? undefined : JSON.parse(buf.subarray(start, end).toString('utf8'));
    } catch {
      parsed = undefined;
    }
    if (!isResultLine(parsed)) {
      // a torn last line is what a kill mid-write leaves; anything earlier is not ours to drop
      const isLast = nl < 0 || nl === buf.length - 1;
      if (isLast) return { lines, validBytes: start, tornBytes: buf.length - start };
      throw new HetsimError('parse_error', `${path} line ${lineNo} is not a result line (a sweep writes one JSON object per line); move the file away or fix the line`);
    }
    lines.push(parsed);
    start = end + 1;
  }
  return { lines, validBytes: buf.length, tornBytes: 0 };
}

/** The output folder, created and checked before any config runs: an unwritable one is a bad-input error. */
export function prepareOutDir(dir: string): string {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new HetsimError('file_missing', `the output path ${dir} is not a folder`, '--out');
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new HetsimError('file_missing', `cannot create the output folder ${dir}: ${(e as Error).message}`, '--out');
  }
  return join(dir, RESULTS_FILE);
}

export class ResultsWriter {
  private fd: number;
  private lastSync = Date.now();
  private unsynced = false;

  /** Opens `path` for appending after cutting a torn last line away (`validBytes` from readResults). */
  constructor(readonly path: string, validBytes: number) {
    try {
      this.fd = openSync(path, 'a');
      if (statSync(path).size > validBytes) {
        ftruncateSync(this.fd, validBytes);
        fdatasyncSync(this.fd);
      }
    } catch (e) {
      throw new HetsimError('file_missing', `cannot write ${path}: ${(e as Error).message}`, '--out');
    }
  }

  append(line: ResultLine): void {
    const buf = Buffer.from(`${JSON.stringify(line)}\n`);
    // one write(2) of the whole line; a short write (disk full) is continued, never left torn
    let off = writeSync(this.fd, buf);
    while (off < buf.length) off += writeSync(this.fd, buf, off);
    this.unsynced = true;
    if (Date.now() - this.lastSync >= SYNC_EVERY_MS) this.sync();
  }

  sync(): void {
    if (!this.unsynced) return;
    fdatasyncSync(this.fd);
    this.unsynced = false;
    this.lastSync = Date.now();
  }

  close(): void {
    this.sync();
    closeSync(this.fd);
  }
}
