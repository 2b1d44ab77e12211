/** Geo-distributed link matrices: region tables and explicit matrices → per-hop seconds. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { delayMatrix, GIB, linkMatrixFromExplicit, transferSeconds } from '../../../../src/hw/net/wan/link-matrix.js';
import { linkMatrixFromRegions, loadRegionTable, regionsOf } from '../../../../src/hw/net/wan/region-table.js';

const NETWORKS = join(import.meta.dirname, '../../../../models/networks');

describe('WAN link matrices', () => {
  it('a region table gives the public cost: latency + bytes / (bw · 2^30) + overhead, symmetric', async () => {
    const t = await loadRegionTable('gcp-12-regions', NETWORKS);
    const m = linkMatrixFromRegions(t, ['Belgium', 'Germany', 'Belgium']);
    const bytes = 32 * 2 ** 20;
    // Belgium–Germany: 4 ms, 0.2425 GiB/s (communication_costs.py at 7f20d8a6)
    expect(transferSeconds(m, 0, 1, bytes, 0.35)).toBeCloseTo(0.004 + bytes / (0.2425 * GIB) + 0.35, 12);
    expect(transferSeconds(m, 1, 0, bytes, 0.35)).toBe(transferSeconds(m, 0, 1, bytes, 0.35));
    // same region, different nodes: 1 ms, 2 GiB/s; the same node: free
    expect(transferSeconds(m, 0, 2, bytes, 0.35)).toBeCloseTo(0.001 + bytes / (2 * GIB) + 0.35, 12);
    expect(delayMatrix(m, bytes, 0.35)[1][1]).toBe(0);
  });

  it('settings name region lists; unknown regions are refused', async () => {
    const t = await loadRegionTable('gcp-12-regions', NETWORKS);
    expect(regionsOf(t, 'geo-distributed', 'x')).toHaveLength(12);
    expect(regionsOf(t, '5-clusters', 'x')).toEqual(['LA', 'NL', 'Germany', 'Singapore', 'Oregon']);
    expect(() => regionsOf(t, ['Mars'], 'nodes.regions')).toThrow(/nodes\.regions\[0\]: region 'Mars' is not in the network table/);
  });

  it('explicit matrices in ms and GiB/s; not square or negative is refused', () => {
    const m = linkMatrixFromExplicit([[0, 20], [20, 0]], [[0, 0.5], [0.5, 0]], 'network');
    expect(transferSeconds(m, 0, 1, GIB, 0)).toBeCloseTo(0.02 + 2, 12);
    expect(() => linkMatrixFromExplicit([[0, 1]], [[0]], 'network')).toThrow(/network\.latency_ms\[0\]: not square/);
    expect(() => linkMatrixFromExplicit([[0, -1], [1, 0]], [[0, 1], [1, 0]], 'network')).toThrow(/network\.latency_ms\[0\]\[1\]: expected a non-negative/);
  });
});
