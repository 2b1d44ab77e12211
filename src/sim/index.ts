/** Barrel of the discrete-event kernel. */
export * from './types.js';
export { EventQueue } from './event-queue.js';
export { ClockDomain } from './clock-domain.js';
export { Stats, type Counter, type StatsTree } from './stats.js';
export { TraceRecorder, type TraceEvent, type ChromeTrace } from './trace-recorder.js';
export { Simulator, type SimulatorOptions } from './simulator.js';
