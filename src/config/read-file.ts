/** Reading config files (YAML or JSON) into plain objects, with errors that name the file and line. */
import { readFileSync, statSync } from 'node:fs';
import { HetsimError } from '../errors.js';

export function readText(path: string, what: string): string {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new HetsimError('file_missing', `${what} file not found: ${path}`);
  }
  if (!st.isFile()) throw new HetsimError('file_missing', `${what} path is not a file: ${path}`);
  return readFileSync(path, 'utf8');
}

/** Parse JSON (`.json`) or YAML (anything else). YAML is loaded lazily: it costs ~40 ms to import. */
export async function readConfigFile(path: string, what: string): Promise<unknown> {
  const text = readText(path, what);
  if (path.endsWith('.json')) return parseJson(text, path);
  const YAML = await import('yaml');
  let doc;
  try {
    doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  } catch (e) {
    throw new HetsimError('parse_error', `malformed YAML in ${path}: ${(e as Error).message}`);
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const line = err.linePos?.[0]?.line;
    throw new HetsimError('parse_error', `malformed YAML in ${path}${line ? ` at line ${line}` : ''}: ${err.message.split('\n')[0]}`);
  }
  return doc.toJS();
}

export function parseJson(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    let where = '';
    if (pos) {
      const line = text.slice(0, Number(pos[1])).split('\n').length;
      where = ` at line ${line}`;
    }
    throw new HetsimError('parse_error', `malformed JSON in ${label}${where}: ${msg}`);
  }
}
