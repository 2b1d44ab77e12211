/** Resolving a request's model and device, and running the analyzer (shared by flags and batch). */
import { withContext } from '../../errors.js';
import { analyze } from './analyze.js';
import type { RooflineRequest, RooflineResult } from './types.js';
import { loadDevice, loadModel } from '../preset-registry.js';

export async function runRoofline(req: RooflineRequest, where = ''): Promise<RooflineResult> {
  try {
    const [m, dev] = await Promise.all([loadModel(req.model), loadDevice(req.hardware)]);
    return analyze(req, m, dev);
  } catch (e) {
    throw withContext(e, where);
  }
}

/** The warning printed when the model does not fit: not an error (the output says fits: false). */
export function fitWarning(r: RooflineResult): string | null {
  if (r.memory.fits !== false) return null;
  const gb = (x: number) => (x / 1e9).toFixed(1);
  return `hetsim: warning: ${r.model} (${r.bits}, batch ${r.batch}, seq ${r.seq}${r.tp > 1 ? `, tp ${r.tp}` : ''}) needs ${gb(r.memory.total)} GB per device but ${r.hardware} has ${gb(r.memory.capacity!)} GB`;
}
