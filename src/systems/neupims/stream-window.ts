/**
 * How much normal traffic the system layer keeps queued per channel. Spec §2: transaction queues of
 * 32 (two 1 KB chunks); a few more chunks cover the data-return latency, as the reference's
 * interconnect and LD queue do. It also keeps the FR-FCFS window small, which is what makes a
 * 100 MB-per-layer weight stream affordable in the cycle-level model.
 */
export const BURSTS_PER_CHUNK = 16;
export const CHUNKS_IN_FLIGHT = 16;
/** The same window for the device's bulk streams, in 64 B transactions per channel. */
export const STREAM_WINDOW = CHUNKS_IN_FLIGHT * BURSTS_PER_CHUNK;
