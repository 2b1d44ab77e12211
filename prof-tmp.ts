import { HbmDevice } from './src/hw/dram/hbm-device.js';
const N = Number(process.argv[2] ?? 400000);
for (let rep = 0; rep < 3; rep++) {
  const dev = new HbmDevice();
  const c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) dev.enqueue({ addr: i * 64 });
  const c1 = process.cpuUsage(c0);
  const cyc = dev.runUntilIdle();
  const c2 = process.cpuUsage(c0);
  const st = dev.collectStats();
  const cmds = st.ACT + st.PRE + st.RD + st.REF;
  const runMs = (c2.user + c2.system - c1.user - c1.system) / 1000;
  console.log({ enqMs: (c1.user + c1.system) / 1000, runMs, cyc, wakes: dev.sim.eventsHandled, cmdsPerS: (cmds / runMs * 1000).toExponential(2), cyclesPerS: (cyc / runMs * 1000).toExponential(2) });
}
