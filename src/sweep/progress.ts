/**
 * Progress of many runs on stderr (sweeps, `hetsim report`): on a TTY a bar redrawn in place
 * (done/total, rate, ETA); otherwise plain lines every few seconds or every 10 %, as CI logs want.
 * Never on stdout, and never in results: wall-clock figures are not metrics.
 */
export interface ProgressOptions {
  label: string;
  stream?: { write(s: string): unknown; isTTY?: boolean };
  /** Default: whether the stream is a TTY. */
  tty?: boolean;
  /** Plain mode: a line at least this often (ms) while running. */
  everyMs?: number;
  now?: () => number;
}

export interface Progress {
  /** `done` results so far (of `total`), `failed` of them failed. */
  update(done: number, failed?: number): void;
  finish(): void;
}

const BAR = 24;

function duration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.ceil(s)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.ceil(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function progressReporter(total: number, opts: ProgressOptions): Progress {
  const stream = opts.stream ?? process.stderr;
  const tty = opts.tty ?? stream.isTTY === true;
  const now = opts.now ?? Date.now;
  const everyMs = opts.everyMs ?? 2000;
  const t0 = now();
  let done = 0;
  let failed = 0;
  let lastDraw = -Infinity;
  let lastTenth = 0;
  let printedDone = -1;

  const text = (): string => {
    const s = (now() - t0) / 1000;
    const rate = s > 0 ? done / s : 0;
    const eta = done >= total ? 0 : rate > 0 ? (total - done) / rate : Infinity;
    const pct = total > 0 ? Math.floor((100 * done) / total) : 100;
    return `${done}/${total} (${pct}%)${failed ? `, ${failed} failed` : ''}, ${rate.toFixed(rate < 10 ? 1 : 0)}/s, ${done >= total ? `took ${duration(s)}` : `ETA ${duration(eta)}`}`;
  };
  const draw = (): void => {
    printedDone = done;
    lastDraw = now();
    if (tty) {
      const fill = total > 0 ? Math.round((BAR * done) / total) : BAR;
      stream.write(`\r\x1b[K${opts.label} [${'#'.repeat(fill)}${'.'.repeat(BAR - fill)}] ${text()}`);
    } else {
      stream.write(`${opts.label}: ${text()}\n`);
    }
  };
  return {
    update(d, f = failed) {
      done = d;
      failed = f;
      const tenth = total > 0 ? Math.floor((10 * done) / total) : 10;
      const due = now() - lastDraw >= (tty ? 100 : everyMs);
      if (due || (!tty && tenth > lastTenth) || done === total) draw();
      lastTenth = Math.max(lastTenth, tenth);
    },
    finish() {
      if (printedDone !== done) draw();
      if (tty) stream.write('\n');
    },
  };
}
