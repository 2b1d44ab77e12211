/** Max-min fair sharing of links by concurrent flows on the event kernel. */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../src/sim/index.js';
import { FlowNetwork } from '../../../src/hw/net/flow-network.js';

function finishTimes(setup: (net: FlowNetwork, done: (name: string) => () => void) => void): Record<string, number> {
  const sim = new Simulator();
  const net = new FlowNetwork(sim);
  const out: Record<string, number> = {};
  setup(net, (name) => () => (out[name] = sim.now / 1e12));
  sim.run();
  return out;
}

describe('FlowNetwork', () => {
  it('a lone flow runs at the link capacity after its latency', () => {
    const t = finishTimes((net, done) => net.transfer(1e9, [net.resource('l', 1e9)], 1e6, done('a')));
    expect(t.a).toBeCloseTo(1 + 1e-6, 9);
  });

  it('two flows on one link share it equally; the survivor speeds up', () => {
    const t = finishTimes((net, done) => {
      const l = net.resource('l', 1e9);
      net.transfer(1e9, [l], 0, done('a'));
      net.transfer(0.5e9, [l], 0, done('b'));
    });
    // b: 0.5 GB at 0.5 GB/s = 1 s; a then has 0.5 GB left at full rate: 1.5 s
    expect(t.b).toBeCloseTo(1, 6);
    expect(t.a).toBeCloseTo(1.5, 6);
  });

  it('max-min fairness: a flow limited elsewhere leaves its share to the others', () => {
    const t = finishTimes((net, done) => {
      const big = net.resource('big', 3e9);
      const small = net.resource('small', 0.5e9);
      net.transfer(0.5e9, [big, small], 0, done('slow')); // capped at 0.5 GB/s by `small`
      net.transfer(2.5e9, [big], 0, done('fast')); // gets the remaining 2.5 GB/s
    });
    expect(t.slow).toBeCloseTo(1, 6);
    expect(t.fast).toBeCloseTo(1, 6);
  });

  it('zero-byte transfers complete after their latency', () => {
    const t = finishTimes((net, done) => net.transfer(0, [], 5e6, done('z')));
    expect(t.z).toBeCloseTo(5e-6, 12);
  });
});
