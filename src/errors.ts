/**
 * The one error type library code throws for bad input. `src/cli` catches it, prints
 * `message` (no stack) and exits with code 2. Any other exception is a bug and keeps its stack.
 */
export type HetsimErrorCode =
  | 'config_invalid'
  | 'unknown_key'
  | 'unknown_id'
  | 'unit_invalid'
  | 'file_missing'
  | 'parse_error'
  | 'input_line'
  | 'unknown_impl'
  | 'timing_violation'
  | 'trace_parse'
  | 'unreachable';

export class HetsimError extends Error {
  readonly code: HetsimErrorCode;
  /** Dotted path of the offending field, e.g. `peak.bf16` or `--batch`. */
  readonly path: string | undefined;
  /** The message without the `path: ` in front. */
  readonly detail: string;

  constructor(code: HetsimErrorCode, message: string, path?: string) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'HetsimError';
    this.code = code;
    this.path = path;
    this.detail = message;
  }
}

/** The same error with `where` (e.g. "--input line 7: ") in front of its message; other errors pass through. */
export function withContext(e: unknown, where: string): unknown {
  return e instanceof HetsimError && where ? new HetsimError(e.code, `${where}${e.message}`) : e;
}

export function isHetsimError(e: unknown): e is HetsimError {
  return e instanceof HetsimError;
}

/** Exit codes: 0 ok, 1 internal bug, 2 bad input. */
export const EXIT_BAD_INPUT = 2;

const warned = new Set<string>();

/**
 * `hetsim: warning: <message>` on stderr, once per `key` per process (a setting that is read but
 * cannot be honoured, say). Never on stdout: JSON output stays clean.
 */
export function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  process.stderr.write(`hetsim: warning: ${message}\n`);
}
