/**
 * zod issues → one HetsimError naming the field and the expected form.
 * Unknown keys are errors: a typo in a config must never pass silently. When a file has both an
 * unknown key and a missing or invalid one (`bandwith:` for `bandwidth:`), the unknown key is
 * reported, with the nearest valid key: it is almost always the cause of the other.
 */
import type { ZodError, ZodType } from 'zod';
import { HetsimError } from '../errors.js';
import { nearest, objectKeysAt } from './suggest.js';

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

type Issue = ZodError['issues'][number];

/** The first unrecognized_keys issue, also inside union branches (with its path made absolute). */
function findUnknownKeys(issues: readonly Issue[], prefix: readonly PropertyKey[]): { issue: Issue & { code: 'unrecognized_keys' }; path: PropertyKey[] } | undefined {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') return { issue, path };
    if (issue.code === 'invalid_union') {
      for (const branch of issue.errors) {
        const hit = findUnknownKeys(branch, path);
        if (hit) return hit;
      }
    }
  }
  return undefined;
}

/** Valid keys are listed when nothing is close and there are at most this many. */
const LIST_KEYS_UP_TO = 24;

/**
 * `unknown key 'bandwith' in hardware preset x.yaml; did you mean 'bandwidth'?`. With the schema,
 * the nearest valid key is suggested (or the valid keys listed when none is close).
 */
export function unknownKeyError(keys: readonly string[], path: readonly PropertyKey[], label: string, valid: readonly string[]): HetsimError {
  const at = formatPath(path);
  const field = at ? `${at}.${keys[0]}` : keys[0];
  const quoted = keys.map((k) => `'${k}'`).join(', ');
  let hint = '';
  const near = keys.map((k) => nearest(k, valid));
  if (keys.length === 1 && near[0] !== undefined) hint = `; did you mean '${near[0]}'?`;
  else if (near.some((n) => n !== undefined)) hint = `; did you mean ${keys.map((k, i) => (near[i] ? `'${near[i]}' for '${k}'` : undefined)).filter(Boolean).join(', ')}?`;
  else if (valid.length > 0 && valid.length <= LIST_KEYS_UP_TO) hint = ` (expected one of: ${valid.join(', ')})`;
  const where = label ? ` in ${label}` : '';
  return new HetsimError('unknown_key', `unknown key${keys.length > 1 ? 's' : ''} ${quoted}${where}${at ? ` under '${at}'` : ''}${hint}`, field);
}

export function zodToHetsim(err: ZodError, label: string, schema?: ZodType): HetsimError {
  const unknown = findUnknownKeys(err.issues, []);
  if (unknown) {
    const valid = schema ? objectKeysAt(schema, unknown.path) : [];
    return unknownKeyError(unknown.issue.keys, unknown.path, label, valid);
  }
  const issue = err.issues[0];
  const at = formatPath(issue.path);
  return new HetsimError('config_invalid', `${issueText(issue)} (in ${label})`, at || undefined);
}

/** zod's "received undefined": the key is absent. */
function missing(issue: Issue): boolean {
  if (issue.code === 'invalid_type') return /received undefined$/.test(issue.message);
  if (issue.code === 'invalid_union') return issue.errors.length > 0 && issue.errors.every((b) => b.length > 0 && b.every((i) => i.path.length === 0 && missing(i)));
  return false;
}

/** The issue's message, saying plainly when a required key is missing or the file holds no mapping. */
function issueText(issue: Issue): string {
  const expected = issue.message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '');
  if (missing(issue)) {
    const form = issue.code === 'invalid_union' ? issue.message : expected;
    return form === 'Invalid input' ? 'required key is missing' : `required key is missing (${form})`;
  }
  if (issue.code === 'invalid_type' && issue.path.length === 0 && issue.expected === 'object') {
    const got = /received (\w+)$/.exec(issue.message)?.[1];
    return `expected a mapping of keys, got ${got === 'null' || got === 'undefined' ? 'an empty file' : (got ?? 'something else')}`;
  }
  return issue.message;
}

export function validate<T>(schema: ZodType<T>, value: unknown, label: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw zodToHetsim(r.error, label, schema);
  return r.data;
}
