/**
 * Binds the PIM engine of src/hw/pim (a `ChannelAgent` on each HBM channel) to the system layer.
 * The engine owns command generation and timing (P_HEADER, G_ACT, COMPS_READRES / COMP+READRES,
 * GWRITE, PIM_PRECHARGE, refresh deadlines, blocked mode); this file only translates `PimOp`s.
 */
import type { Simulator } from '../../sim/index.js';
import { HbmDevice } from '../../hw/dram/hbm-device.js';
import { attachPim } from '../../hw/pim/attach-pim.js';
import { hbm2PimSpec } from '../../hw/pim/hbm2-pim.js';
import type { PimEngine } from '../../hw/pim/pim-engine.js';
import type { PimOp as EngineOp } from '../../hw/pim/pim-op.js';
import type { PimGeometry } from './kv-layout.js';
import type { PimMode } from './pim-channel-model.js';
import type { PimOp } from './pim-ops.js';
import { STREAM_WINDOW } from './stream-window.js';

/**
 * Where GWRITE sources live. The reference encodes every GWRITE at bank 0, row 0 of the request's
 * channel (a FIXME in `NeuPIMSLogitSoftmax`); we keep "one fixed bank and row" but move the row
 * out of the weight region so GWRITEs do not collide with the weight stream's row buffer state.
 */
export const GWRITE_BANK = 0;
export const GWRITE_ROW = 32700;

export interface PimBackend {
  readonly device: HbmDevice;
  submit(channel: number, ops: readonly PimOp[], onDone: () => void): void;
  busyCycles(channel: number): number;
}

class EngineBackend implements PimBackend {
  readonly device: HbmDevice;
  private readonly engines: PimEngine[];

  constructor(sim: Simulator, mode: Exclude<PimMode, 'dram'>) {
    this.device = new HbmDevice({ sim, spec: hbm2PimSpec(mode), dualBuffer: mode === 'dual', streamWindow: STREAM_WINDOW });
    this.engines = attachPim(this.device, { mode, fused: mode === 'dual' });
  }

  submit(channel: number, ops: readonly PimOp[], onDone: () => void): void {
    const eng = this.engines[channel];
    const last = ops.length - 1;
    if (last < 0) return onDone();
    ops.forEach((op, i) => {
      const e: EngineOp =
        op.kind === 'gwrite'
          ? { kind: 'gwrite', bank: GWRITE_BANK, row: GWRITE_ROW }
          : { kind: 'gemv', row: op.row, numComps: op.comps, numReadres: op.readres };
      eng.submit(e, i === last ? () => onDone() : undefined);
    });
  }

  busyCycles(channel: number): number {
    return this.engines[channel].stats.busyCycles;
  }
}

export function createPimBackend(sim: Simulator, mode: Exclude<PimMode, 'dram'>, _geo: PimGeometry): PimBackend {
  return new EngineBackend(sim, mode);
}
