/**
 * The contract every simulated system implements, so the CLI, sweeps, scenario sets, reports and
 * `hetsim schema` work for any system without naming one. A system lives in its own folder under
 * src/systems/ and exports one `SystemDescriptor`; src/systems/registry.ts lists them explicitly.
 */
import type { ZodType } from 'zod';
import type { ChromeTrace } from '../sim/index.js';
import type { SectionSpec } from './report-spec.js';

export type Better = 'higher' | 'lower';

/** One entry of a system's metric list: a flat number every result carries under `metrics[name]`. */
export interface MetricSpec {
  readonly name: string;
  /** Unit string, e.g. `tokens/s`, `s`, `cycles`, `B`, `ratio`. */
  readonly unit: string;
  /** Which direction is an improvement (what `compare` and sweeps rank by). */
  readonly better: Better;
  readonly describe: string;
}

/** Every result, of every system: CLI `--json`, a sweep line, the data behind a report. */
export interface SystemResult {
  system: string;
  mode: string;
  /** The resolved config the result was computed from (defaults filled, overrides applied). */
  config: unknown;
  /** Flat numbers named by the descriptor's `metrics` list. */
  metrics: Record<string, number>;
  /** hetsim's version (package.json). */
  version: string;
}

/**
 * A `simulate` flag a system accepts, mapped onto one scenario key (`--batch` → `batch`): flags are
 * overrides of the scenario, validated by the scenario's own schema after a first check that names
 * the flag.
 */
export interface FlagSpec {
  /** The scenario key the flag sets (dotted for nested keys). */
  readonly key: string;
  /** `boolean`: a switch (`--timings`, `--timings=false`) setting the key to true/false. */
  readonly type: 'positive-int' | 'non-negative-int' | 'string' | 'path' | 'boolean';
  readonly choices?: readonly string[];
  readonly describe: string;
}

/** Where `run` may send outputs beyond its result (the CLI supplies it; sweeps do not). */
export interface OutputSink {
  /** A Perfetto/Chrome trace of the run (only asked for when `RunOptions.trace` is set). */
  trace?(t: ChromeTrace): void;
  /** A file the user asked for by a flag (written atomically by the sink). */
  file?(path: string, content: string): void;
}

export interface RunOptions {
  /** One of the descriptor's `modes`; default: the scenario's own. */
  mode?: string;
  /** Record a trace and hand it to `sink.trace`; `traceDetail` is the system's own level name. */
  trace?: boolean;
  traceDetail?: string;
  sink?: OutputSink;
  /** Extra system flags that are outputs, not scenario keys (e.g. NeuPIMs' `--write-requests`). */
  outputs?: Record<string, string>;
}

/** A scenario after `load`: the validated config plus whatever the system resolved from it. */
export interface LoadedScenario {
  /** The validated scenario (defaults filled), as results report it under `config`. */
  readonly config: unknown;
  /** The file it came from, or null for an inline scenario. */
  readonly path: string | null;
}

/** What a scenario set's entry asks the report for: one scenario, its modes, optional sweep axis. */
export interface ReportEntry<R = SystemResult> {
  id: string;
  caption: string;
  modes: string[];
  /** Without a sweep: one result per mode. */
  results: R[];
  /** With `sweep: {key: [values]}`: `points[v][m]` is value v, mode m. */
  sweep?: { key: string; values: unknown[]; points: R[][] };
}

export interface SystemDescriptor<S extends LoadedScenario = LoadedScenario, R extends SystemResult = SystemResult> {
  readonly id: string;
  /** Human title (report section heading, `hetsim systems`). */
  readonly title: string;
  readonly describe: string;
  readonly modes: readonly string[];
  /** The scenario file's zod schema (strict: unknown keys are errors); `hetsim schema` exports it. */
  readonly scenarioSchema: ZodType;
  /** Other config files the system reads (e.g. the roofline's kernel timings), for `hetsim schema`. */
  readonly fileSchemas?: readonly { kind: string; title: string; schema: ZodType }[];
  /** Flags `hetsim simulate` accepts for this system (flag name without dashes → spec). */
  readonly flags?: Readonly<Record<string, FlagSpec>>;
  /** Output-only flags (`--write-requests FILE`), passed to `run` as `options.outputs`. */
  readonly outputFlags?: Readonly<Record<string, string>>;
  /** Trace levels `--trace-detail` accepts; absent = the system writes no trace. */
  readonly traceDetails?: readonly string[];
  readonly metrics: readonly MetricSpec[];
  /**
   * A scenario: a YAML path, an id under models/scenarios/, or an inline object (scenario sets);
   * `overrides` are scenario keys merged in before validation (flags, sweep axes).
   */
  load(ref: string | Record<string, unknown>, overrides?: Record<string, unknown>, base?: string): Promise<S>;
  run(scenario: S, options?: RunOptions): Promise<R>;
  /** The human-readable form of one result (what `simulate` prints without --json). */
  text(result: R): string;
  /** Relative cost of one run (the pool schedules longest first). */
  cost?(scenario: S, mode: string): number;
  /** The system's report section from a scenario set's entries (may load presets, e.g. device names). */
  report?(entries: ReportEntry<R>[]): SectionSpec | Promise<SectionSpec>;
}

/** Any descriptor, for code that is generic over systems. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySystem = SystemDescriptor<any, any>;
