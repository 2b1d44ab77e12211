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
    throw yamlError(path, (e as Error).message);
  }
  if (doc.errors.length > 0) throw yamlError(path, doc.errors[0].message);
  return doc.toJS();
}

/**
 * One error for a YAML parse failure: `malformed YAML in FILE at line L, column C: reason`, then
 * the offending line(s) and a caret under the column, as the `yaml` library prints them
 * (`reason at line L, column C:\n\n<previous line>\n<line>\n<caret>\n`), behind a line-number gutter.
 */
export function yamlError(path: string, libMessage: string): HetsimError {
  const m = /^([\s\S]*?) at line (\d+), column (\d+)(?::\n\n([\s\S]*))?$/.exec(libMessage);
  if (!m) return new HetsimError('parse_error', `malformed YAML in ${path}: ${libMessage.trim()}`);
  const [, reason, line, col, excerpt] = m;
  let text = `malformed YAML in ${path} at line ${line}, column ${col}: ${reason.trim()}`;
  if (excerpt !== undefined) {
    const rows = excerpt.replace(/\n+$/, '').split('\n').map((r) => r.replace(/\r$/, ''));
    const caret = rows.pop() ?? '';
    const last = Number(line);
    const width = String(last).length;
    const gutter = rows.map((r, i) => `  ${String(last - (rows.length - 1 - i)).padStart(width)} | ${r}`);
    text += `\n${gutter.join('\n')}\n  ${' '.repeat(width)} | ${caret}`;
  }
  return new HetsimError('parse_error', text);
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
