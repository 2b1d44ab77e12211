/**
 * Binds the PIM engine of src/hw/pim (a `ChannelAgent` on each HBM channel) to the system layer.
 * The engine owns command generation and timing (P_HEADER, G_ACT, COMPS_READRES / COMP+READRES,
 * GWRITE, PIM_PRECHARGE, refresh deadlines, blocked mode); this file only translates `PimOp`s.
 */
import type { Simulator } from '../../sim/index.js';
import type { HbmDevice } from '../../hw/dram/hbm-device.js';
import { buildHbmPim } from '../../hw/pim/memory-config.js';
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

  constructor(sim: Simulator, mode: Exclude<PimMode, 'dram'>, geo: PimGeometry) {
    const m = buildHbmPim(geo, sim, { pim: mode, streamWindow: STREAM_WINDOW });
    this.device = m.device;
    this.engines = m.pim!;
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

/** The HBM-PIM device of `geo` (channels, banks, page, COMP coverage; memory-config.ts hbmPimOrg) with its engines. */
export function createPimBackend(sim: Simulator, mode: Exclude<PimMode, 'dram'>, geo: PimGeometry): PimBackend {
  return new EngineBackend(sim, mode, geo);
}
