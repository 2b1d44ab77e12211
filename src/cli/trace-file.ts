/**
 * Writing a Chrome/Perfetto trace: the events are streamed out (a layer's worth of spans can exceed
 * V8's maximum string length) into a temporary file beside `path`, renamed into place only when
 * complete, so there is never a half-written trace.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { ChromeTrace } from '../sim/index.js';

export function writeTrace(path: string, t: ChromeTrace): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  let ok = false;
  try {
    writeSync(fd, '{"displayTimeUnit":"ns","traceEvents":[\n');
    const ev = t.traceEvents;
    for (let i = 0; i < ev.length; i += 10_000) {
      const part = ev.slice(i, i + 10_000).map((e) => JSON.stringify(e)).join(',\n');
      writeSync(fd, (i > 0 ? ',\n' : '') + part);
    }
    writeSync(fd, '\n]}\n');
    ok = true;
  } finally {
    closeSync(fd);
    if (ok) renameSync(tmp, path);
    else rmSync(tmp, { force: true });
  }
}
