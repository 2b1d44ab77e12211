/** `hetsim systems`: the registered systems, their modes, flags and metrics (what sweeps and compare read). */
import type { Argv, CommandModule } from 'yargs';
import { SYSTEMS } from '../../systems/registry.js';

export function systemsCommand(setExit: (c: number) => void): CommandModule {
  return {
    command: 'systems',
    describe: 'list the registered systems with their modes, simulate flags and metrics',
    builder: (y: Argv) => y.option('json', { type: 'boolean', describe: 'print the list as JSON' }),
    handler: (argv) => {
      const list = SYSTEMS.map((s) => ({
        id: s.id,
        title: s.title,
        describe: s.describe,
        modes: [...s.modes],
        flags: Object.fromEntries(Object.entries(s.flags ?? {}).map(([name, f]) => [`--${name}`, { key: f.key, describe: f.describe }])),
        output_flags: Object.fromEntries(Object.entries(s.outputFlags ?? {}).map(([name, d]) => [`--${name}`, d])),
        trace_details: s.traceDetails ? [...s.traceDetails] : [],
        metrics: s.metrics.map((m) => ({ name: m.name, unit: m.unit, better: m.better, describe: m.describe })),
      }));
      if (argv.json) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      } else {
        const lines: string[] = [];
        for (const s of list) {
          lines.push(`${s.id} — ${s.title}`, `  ${s.describe}`, `  modes: ${s.modes.join(', ')}`);
          const flags = [...Object.keys(s.flags), ...Object.keys(s.output_flags)];
          if (flags.length) lines.push(`  simulate flags: ${flags.join(' ')}`);
          lines.push('  metrics:');
          const w = Math.max(...s.metrics.map((m) => m.name.length));
          for (const m of s.metrics) lines.push(`    ${m.name.padEnd(w)}  ${m.unit.padEnd(8)} ${m.better === 'higher' ? '↑' : '↓'} ${m.describe}`);
          lines.push('');
        }
        process.stdout.write(lines.join('\n'));
      }
      setExit(0);
    },
  };
}
