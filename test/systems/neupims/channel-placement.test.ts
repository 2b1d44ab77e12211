import { describe, expect, it } from 'vitest';
import { ChannelLoad, channelImbalance, placeAll } from '../../../src/systems/neupims/channel-placement.js';
import { parseScenario, resolveScenario } from '../../../src/systems/neupims/scenario.js';
import { placeForMode } from '../../../src/systems/neupims/simulate-neupims.js';
import { GEO, SHAPE_7B_TP4 } from './harness.js';

const geo4 = { ...GEO, channels: 4 };

describe('channel placement (spec §6)', () => {
  it('rr deals requests round-robin in list order', () => {
    expect(placeAll([10, 20, 30, 40, 50], 'rr', geo4, SHAPE_7B_TP4)).toEqual([0, 1, 2, 3, 0]);
  });

  it('clb places longest first on the channel with the least estimated MHA latency', () => {
    const ch = placeAll([2048, 100, 100, 100, 100, 2000, 50, 50], 'clb', geo4, SHAPE_7B_TP4);
    expect(ch[0]).toBe(0);
    expect(ch[5]).toBe(1);
    // the two long requests never share a channel, and the short ones fill the other two first
    expect(new Set([ch[1], ch[2], ch[3], ch[4]])).toEqual(new Set([2, 3]));
  });

  it('clb balances better than rr on a skewed batch', () => {
    const lens = [2048, 32, 32, 32, 2048, 32, 32, 32];
    const rr = placeAll(lens, 'rr', geo4, SHAPE_7B_TP4);
    const clb = placeAll(lens, 'clb', geo4, SHAPE_7B_TP4);
    expect(channelImbalance(lens, clb, geo4, SHAPE_7B_TP4)).toBeLessThan(channelImbalance(lens, rr, geo4, SHAPE_7B_TP4));
    expect(channelImbalance(lens, clb, geo4, SHAPE_7B_TP4)).toBeLessThan(1.8);
  });

  it('placement skips channels whose KV rows are full', () => {
    const load = new ChannelLoad({ ...geo4, kvRowsPerChannel: 200 }, SHAPE_7B_TP4);
    // 2048 tokens need 128 key + 128 value row tiles: too big anywhere
    expect(() => load.place('clb', 2048)).toThrow(/no channel has room/);
    expect(load.place('rr', 512)).toBe(0); // 32 + 32 rows
  });
});

describe('placement per mode', () => {
  const reqs = [
    { seqLen: 100, channel: 5 },
    { seqLen: 200, channel: 5 },
    { seqLen: 300, channel: 7 },
  ];
  const s = (placement: string) => resolveScenario(parseScenario({ system: 'neupims', model: 'gpt3-7b', batch: 3, requests: 'x.csv', placement }, 'x.yaml'));

  it('auto keeps the trace for neupims and deals round-robin for the naive baseline (§8)', async () => {
    const auto = await s('auto');
    expect(placeForMode(reqs, 'neupims', auto, auto.shape).map((r) => r.channel)).toEqual([5, 5, 7]);
    expect(placeForMode(reqs, 'npu-pim-naive', auto, auto.shape).map((r) => r.channel)).toEqual([0, 1, 2]);
  });

  it('clb re-places longest first and keeps every length', async () => {
    const clb = await s('clb');
    const r = placeForMode(reqs, 'neupims', clb, clb.shape);
    expect(r.map((x) => x.seqLen)).toEqual([100, 200, 300]);
    expect(r.map((x) => x.channel)).toEqual([2, 1, 0]);
  });
});
