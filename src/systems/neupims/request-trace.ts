/**
 * Request snapshots as the NeuPIMs simulator reads them: CSV rows `seq_len,ch_idx`, one per live
 * request (spec §7). Channel indices must be < the device's channel count.
 */
import { readText } from '../../config/read-file.js';
import { HetsimError } from '../../errors.js';

export interface LiveRequest {
  seqLen: number;
  channel: number;
}

export function parseRequestCsv(text: string, label: string, channels: number): LiveRequest[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new HetsimError('trace_parse', `${label}: empty request trace`);
  const head = lines[0].replace(/\s/g, '').toLowerCase();
  if (head !== 'seq_len,ch_idx') {
    throw new HetsimError('trace_parse', `${label}: line 1: expected header 'seq_len,ch_idx', got '${lines[0]}'`);
  }
  const out: LiveRequest[] = [];
  for (let i = 1; i < lines.length; i++) {
    const parts = lines[i].split(',');
    const seqLen = Number(parts[0]);
    const channel = Number(parts[1]);
    if (parts.length !== 2 || !Number.isInteger(seqLen) || seqLen < 1 || !Number.isInteger(channel) || channel < 0 || channel >= channels) {
      throw new HetsimError(
        'trace_parse',
        `${label}: line ${i + 1}: expected 'seq_len,ch_idx' with seq_len ≥ 1 and 0 ≤ ch_idx < ${channels} (memory.channels), got '${lines[i]}'`,
      );
    }
    out.push({ seqLen, channel });
  }
  return out;
}

export function readRequestCsv(path: string, channels: number): LiveRequest[] {
  return parseRequestCsv(readText(path, 'request trace'), path, channels);
}

export function formatRequestCsv(reqs: readonly LiveRequest[]): string {
  return ['seq_len,ch_idx', ...reqs.map((r) => `${r.seqLen},${r.channel}`)].join('\n') + '\n';
}
