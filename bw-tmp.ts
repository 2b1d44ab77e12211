import { HbmDevice } from './src/hw/dram/hbm-device.js';
const N = Number(process.argv[2] ?? 200000);
for (const mode of ['seq']) {
  const dev = new HbmDevice();
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const t0 = performance.now(); const c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    const addr = mode === 'seq' ? i * 64 : Math.floor(rnd() * 2 ** 29) * 64;
    dev.enqueue({ addr });
  }
  const cycles = dev.runUntilIdle();
  const ms = performance.now() - t0; const cpu = process.cpuUsage(c0); console.log("cpu ms", (cpu.user+cpu.system)/1000, "wall", ms);
  const st = dev.collectStats();
  const bw = (N * 64) / (cycles * 1e-9) / 1e12;
  console.log(mode, { cycles, TBps: bw.toFixed(3), pct: ((bw / 1.024) * 100).toFixed(1), ms: ms.toFixed(0), cyclesPerS: (cycles / ms * 1000).toExponential(2), cmdsPerS: ((st.ACT + st.PRE + st.RD + st.WR + st.REF) / ms * 1000).toExponential(2), events: dev.sim.eventsHandled }, JSON.stringify(st));
}
