/**
 * Reading a result set for `hetsim compare`: a sweep folder (DIR/results.jsonl), a `.jsonl` file of
 * result lines, or one result as JSON (`hetsim simulate --json`, `hetsim roofline --json`). Every
 * entry becomes a `ResultLine` keyed by its hash; a bad line is named by file and line number.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseJson } from '../config/read-file.js';
import { HetsimError } from '../errors.js';
import { configHash, type ResultLine } from './config-hash.js';

export interface ResultSet {
  /** What the user named (folder or file), for messages and reports. */
  source: string;
  /** One line per hash, in file order; a hash written twice keeps its last line (a resumed sweep re-ran it). */
  lines: ResultLine[];
}

const FORMS = 'a sweep folder (DIR/results.jsonl), a results .jsonl file, or a result .json file (hetsim simulate --json / roofline --json)';

export function readResultSet(path: string): ResultSet {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new HetsimError('file_missing', `${path} not found; expected ${FORMS}`);
  }
  if (st.isDirectory()) {
    const file = join(path, 'results.jsonl');
    if (!existsSync(file)) throw new HetsimError('file_missing', `${path} has no results.jsonl; expected ${FORMS}`);
    return { source: path, lines: parseResultLines(readFileSync(file, 'utf8'), file) };
  }
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.jsonl')) return { source: path, lines: parseResultLines(text, path) };
  // Anything else is one JSON document: a single result (pretty-printed, so not line by line).
  const doc = parseJson(text, path);
  if (Array.isArray(doc)) return { source: path, lines: dedupe(doc.map((d, i) => toResultLine(d, `${path} item ${i + 1}`))) };
  return { source: path, lines: [toResultLine(doc, path)] };
}

/** `text` of a results.jsonl: one JSON object per line; blank lines are skipped. */
export function parseResultLines(text: string, file: string): ResultLine[] {
  const rows = text.split('\n');
  const out: ResultLine[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i].trim();
    if (row === '') continue;
    const where = `${file} line ${i + 1}`;
    let obj: unknown;
    try {
      obj = JSON.parse(row);
    } catch (e) {
      // The last line without its newline is a write cut short (a sweep killed mid-line).
      const torn = i === rows.length - 1 && !text.endsWith('\n') ? ' (torn: the last line ends without a newline; was the sweep interrupted?)' : '';
      throw new HetsimError('input_line', `${where}: malformed JSON${torn}: ${(e as Error).message}`);
    }
    out.push(toResultLine(obj, where));
  }
  return dedupe(out);
}

function dedupe(lines: ResultLine[]): ResultLine[] {
  const byHash = new Map<string, ResultLine>();
  for (const l of lines) {
    byHash.delete(l.hash);
    byHash.set(l.hash, l);
  }
  return [...byHash.values()];
}

/**
 * A sweep line or a single result as a `ResultLine`. A line without `hash` (a single result, a
 * `roofline --input` line) gets `configHash(system, mode, config)`; without `status` it is ok.
 */
export function toResultLine(obj: unknown, where: string): ResultLine {
  const bad = (what: string) => new HetsimError('input_line', `${where}: ${what}; expected a result {system, mode, config, metrics, version} or a sweep line {hash, …, status}`);
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw bad(`not a JSON object (got ${Array.isArray(obj) ? 'a list' : JSON.stringify(obj)})`);
  const o = obj as Record<string, unknown>;
  if (typeof o.system !== 'string') throw bad('no system');
  if (typeof o.mode !== 'string') throw bad('no mode');
  if (!('config' in o) || o.config === undefined) throw bad('no config (compare matches results by their config)');
  const status = o.status ?? 'ok';
  if (status !== 'ok' && status !== 'failed') throw bad(`status ${JSON.stringify(o.status)} is neither "ok" nor "failed"`);
  if (o.hash !== undefined && typeof o.hash !== 'string') throw bad('hash is not a string');
  const metrics: Record<string, number> = {};
  if (status === 'ok') {
    if (typeof o.metrics !== 'object' || o.metrics === null || Array.isArray(o.metrics)) throw bad('no metrics object');
    // JSON has no NaN/Infinity (they arrive as null): such a metric counts as absent.
    for (const [k, v] of Object.entries(o.metrics)) if (typeof v === 'number' && Number.isFinite(v)) metrics[k] = v;
  }
  const line: ResultLine = {
    hash: (o.hash as string | undefined) ?? configHash(o.system, o.mode, o.config),
    system: o.system,
    mode: o.mode,
    config: o.config,
    metrics,
    status,
    version: typeof o.version === 'string' ? o.version : '',
  };
  if (o.error !== undefined) line.error = o.error as ResultLine['error'];
  return line;
}
