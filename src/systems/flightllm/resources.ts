/**
 * Does the compiled design fit its device? The MPE needs (MM MACs per cycle / MACs per DSP) DSPs
 * per SLR, the buffers need BRAM36/URAM capacity; the build's implemented use (`design.resources`,
 * e.g. the published U280 build) must cover that and stay within the device's counts. A device
 * whose counts are unknown (VHK158) gets the use reported and a warning.
 */
import { HetsimError } from '../../errors.js';
import { BRAM36_BYTES, URAM_BYTES, type FpgaDevice } from '../../hw/fpga/fpga-device.js';
import { macsPerCycle, type Parallelism } from '../../hw/fpga/mpe.js';
import type { FlightScenarioFile } from './scenario.js';

export interface ResourceUse {
  /** DSPs the MPEs need (all SLRs). */
  mpe_dsp: number;
  /** On-chip buffer bytes (all SLRs). */
  buffer_bytes: number;
  /** The implemented build's use (given, or the derived need). */
  dsp: number;
  bram36: number | null;
  uram: number | null;
  device: { dsp: number | null; bram36: number | null; uram: number | null };
}

export function designResources(file: FlightScenarioFile, dev: FpgaDevice, slrs: number, mm: Parallelism, macsPerDsp: number): { use: ResourceUse; warnings: string[] } {
  const d = file.design;
  const mpeDsp = slrs * Math.ceil(macsPerCycle(mm) / macsPerDsp);
  const bufferBytes = slrs * 1024 * (d.weight_buffer_kib + d.act_buffer_kib + d.global_buffer_kib);
  const r = d.resources;
  const use: ResourceUse = {
    mpe_dsp: mpeDsp,
    buffer_bytes: bufferBytes,
    dsp: r.dsp ?? mpeDsp,
    bram36: r.bram36 ?? null,
    uram: r.uram ?? null,
    device: { dsp: dev.dsp.count ?? null, bram36: dev.bram36 ?? null, uram: dev.uram ?? null },
  };
  const warnings: string[] = [];
  const over = (what: string, key: string, need: number, have: number, unit: string) =>
    new HetsimError('config_invalid', `${what} ${need} ${unit} but ${dev.name} has ${have}; accepted: at most ${have}`, key);
  if (r.dsp !== undefined && r.dsp < mpeDsp) throw new HetsimError('config_invalid', `the MPEs need ${mpeDsp} DSPs (${slrs} SLRs × ${macsPerCycle(mm)} MAC/cycle ÷ ${macsPerDsp} per DSP) but the build budgets ${r.dsp}; accepted: at least ${mpeDsp}`, 'design.resources.dsp');
  const onChip = (r.bram36 ?? 0) * BRAM36_BYTES + (r.uram ?? 0) * URAM_BYTES;
  if ((r.bram36 !== undefined || r.uram !== undefined) && onChip < bufferBytes) {
    throw new HetsimError('config_invalid', `the buffers need ${(bufferBytes / 2 ** 20).toFixed(2)} MiB but the budgeted BRAM36/URAM hold ${(onChip / 2 ** 20).toFixed(2)} MiB; raise design.resources or shrink the buffers`, 'design.resources');
  }
  if (dev.resources_known) {
    if (dev.dsp.count !== undefined && use.dsp > dev.dsp.count) throw over('the design uses', r.dsp !== undefined ? 'design.resources.dsp' : 'design.mm', use.dsp, dev.dsp.count, `${dev.dsp.kind}`);
    if (dev.bram36 !== undefined && r.bram36 !== undefined && r.bram36 > dev.bram36) throw over('the design uses', 'design.resources.bram36', r.bram36, dev.bram36, 'BRAM36');
    if (dev.uram !== undefined && r.uram !== undefined && r.uram > dev.uram) throw over('the design uses', 'design.resources.uram', r.uram, dev.uram, 'URAM');
    const devOnChip = (dev.bram36 ?? 0) * BRAM36_BYTES + (dev.uram ?? 0) * URAM_BYTES;
    if (bufferBytes > devOnChip) throw over('the buffers need', 'design.weight_buffer_kib', bufferBytes, devOnChip, 'B of BRAM36 + URAM');
  } else {
    warnings.push(`${dev.name}: DSP/BRAM/URAM counts are not published, so the design (${mpeDsp} ${dev.dsp.kind} for the MPEs, ${(bufferBytes / 2 ** 20).toFixed(1)} MiB of buffers) is not checked against them`);
  }
  return { use, warnings };
}
