import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRequests } from '../../../src/systems/neupims/load-requests.js';
import { geometryOf, loadScenario, npuConfigOf, parseScenario } from '../../../src/systems/neupims/scenario.js';
import { ROOT } from './harness.js';

const base = { system: 'neupims', model: 'gpt3-7b', batch: 8, requests: 'x.csv' };

describe('scenario YAML', () => {
  it('the shipped neupims-gpt3-7b scenario resolves its trace inside the project', async () => {
    const s = await loadScenario(resolve(ROOT, 'models/scenarios/neupims-gpt3-7b.yaml'));
    expect(s.batch).toBe(512);
    expect(s.parallelism).toEqual({ tp: 4, pp: 1 });
    expect(npuConfigOf(s)).toMatchObject({ saHeight: 128, saCount: 8, vectorUnits: 8, vectorLanes: 128, freqHz: 1e9 });
    expect(geometryOf(s)).toMatchObject({ channels: 32, banksPerChannel: 32, pageBytes: 1024, compCoverage: 16 });
    expect(loadRequests(s)).toHaveLength(512);
  });

  it('fills spec §2 defaults', () => {
    const s = parseScenario(base, 'x.yaml');
    expect(s.mode).toBe('neupims');
    expect(s.memory.channels).toBe(32);
    expect(s.npu.sram_kib).toBe(134218);
  });

  it('rejects an unknown key, naming it', () => {
    expect(() => parseScenario({ ...base, batchsize: 4 }, 'x.yaml')).toThrow(/unknown key 'batchsize'/);
    expect(() => parseScenario({ ...base, npu: { sa_hieght: 4 } }, 'x.yaml')).toThrow(/'sa_hieght'/);
  });

  it('rejects a bad mode', () => {
    expect(() => parseScenario({ ...base, mode: 'tpu' }, 'x.yaml')).toThrow(/mode/);
  });
});
