import { HbmDevice } from './src/hw/dram/hbm-device.js';
import { DramState } from './src/hw/dram/dram-state.js';
let calls = 0;
const orig = DramState.prototype.earliest;
DramState.prototype.earliest = function (c: number, b: number) { calls++; return orig.call(this, c, b); };
const dev = new HbmDevice();
for (let i = 0; i < 400000; i++) dev.enqueue({ addr: i * 64 });
dev.runUntilIdle();
console.log({ calls, perWake: calls / dev.sim.eventsHandled });
