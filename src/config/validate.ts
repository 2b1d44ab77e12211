/**
 * zod issues → one HetsimError naming the field and the expected form.
 * Unknown keys are errors: a typo in a config must never pass silently.
 */
import type { ZodError, ZodType } from 'zod';
import { HetsimError } from '../errors.js';

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

export function zodToHetsim(err: ZodError, label: string): HetsimError {
  const issue = err.issues[0];
  const at = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `'${k}'`).join(', ');
    const field = at ? `${at}.${issue.keys[0]}` : issue.keys[0];
    return new HetsimError('unknown_key', `unknown key ${keys} in ${label}${at ? ` under '${at}'` : ''}`, field);
  }
  return new HetsimError('config_invalid', `${issue.message} (in ${label})`, at || undefined);
}

export function validate<T>(schema: ZodType<T>, value: unknown, label: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw zodToHetsim(r.error, label);
  return r.data;
}
