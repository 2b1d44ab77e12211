/**
 * A geo-distributed network between N nodes as two N×N matrices: one-way latency (s) and achieved
 * bandwidth (bytes/s). Built from a region table (region-table.ts) or given explicitly; a transfer
 * of `bytes` from i to j costs latency + bytes / bandwidth + a fixed per-hop overhead.
 */
import { HetsimError } from '../../../errors.js';

export interface LinkMatrix {
  readonly size: number;
  /** latencyS[i][j]: one-way latency from node i to node j, seconds. */
  readonly latencyS: readonly (readonly number[])[];
  /** bandwidthBps[i][j]: achieved bandwidth from i to j, bytes per second (> 0 off the diagonal). */
  readonly bandwidthBps: readonly (readonly number[])[];
}

export const GIB = 2 ** 30;

/** Checks an explicit matrix: square (size × size when `size` is given), finite, no negative entries. */
export function checkSquare(m: unknown, what: string, path: string, size?: number): number[][] {
  if (!Array.isArray(m) || m.length === 0) throw new HetsimError('config_invalid', `expected a non-empty square matrix (a list of rows of ${what}), got ${JSON.stringify(m)}`, path);
  const n = size ?? m.length;
  if (m.length !== n) throw new HetsimError('config_invalid', `expected ${n} rows (one per node), got ${m.length}`, path);
  m.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== n) {
      throw new HetsimError('config_invalid', `not square: row ${i} has ${Array.isArray(row) ? row.length : 'no'} entries, expected ${n} (an ${n}×${n} matrix of ${what})`, `${path}[${i}]`);
    }
    row.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        throw new HetsimError('config_invalid', `expected a non-negative number of ${what}, got ${JSON.stringify(v)}`, `${path}[${i}][${j}]`);
      }
    });
  });
  return m as number[][];
}

/** From explicit matrices: latency in ms, bandwidth in GiB/s (the public SkipPipe units). */
export function linkMatrixFromExplicit(latencyMs: unknown, bandwidthGiBps: unknown, path: string, size?: number): LinkMatrix {
  const lat = checkSquare(latencyMs, 'milliseconds', `${path}.latency_ms`, size);
  const bw = checkSquare(bandwidthGiBps, 'GiB/s', `${path}.bandwidth_GiBps`, lat.length);
  bw.forEach((row, i) =>
    row.forEach((v, j) => {
      if (i !== j && v === 0) throw new HetsimError('config_invalid', `bandwidth between distinct nodes must be > 0 GiB/s, got 0`, `${path}.bandwidth_GiBps[${i}][${j}]`);
    }),
  );
  return { size: lat.length, latencyS: lat.map((r) => r.map((v) => v / 1000)), bandwidthBps: bw.map((r) => r.map((v) => v * GIB)) };
}

/** Seconds to move `bytes` from i to j: latency + serialisation + the fixed per-hop overhead. */
export function transferSeconds(m: LinkMatrix, i: number, j: number, bytes: number, hopOverheadS: number): number {
  if (i === j) return 0;
  return m.latencyS[i][j] + bytes / m.bandwidthBps[i][j] + hopOverheadS;
}

/** The whole delay matrix for one message size (0 on the diagonal). */
export function delayMatrix(m: LinkMatrix, bytes: number, hopOverheadS: number): number[][] {
  return m.latencyS.map((row, i) => row.map((_, j) => transferSeconds(m, i, j, bytes, hopOverheadS)));
}
