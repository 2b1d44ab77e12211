/**
 * Named statistics owned by one Simulator instance (never statics), so worker threads and repeated
 * runs stay independent. Hot loops hold a `Counter` and bump `.value`; bulk producers (a DRAM
 * channel keeps its per-command counts in a typed array) register a provider evaluated at collect time.
 */
export interface Counter {
  readonly name: string;
  value: number;
}

export type StatsTree = { [key: string]: number | StatsTree };

export class Stats {
  private counters = new Map<string, Counter>();
  private providers = new Map<string, () => StatsTree>();

  /** Returns the counter with this dotted name, creating it at 0. */
  counter(name: string): Counter {
    let c = this.counters.get(name);
    if (!c) {
      c = { name, value: 0 };
      this.counters.set(name, c);
    }
    return c;
  }

  add(name: string, n = 1): void {
    this.counter(name).value += n;
  }

  get(name: string): number {
    return this.counters.get(name)?.value ?? 0;
  }

  /** Registers a subtree computed on demand under `name` (replaces an earlier one). */
  provider(name: string, fn: () => StatsTree): void {
    this.providers.set(name, fn);
  }

  /** Plain JSON: dotted counter names become nested keys; providers are mounted at their name. */
  collect(): StatsTree {
    const out: StatsTree = {};
    const names = [...this.counters.keys()].sort();
    for (const name of names) setPath(out, name, this.counters.get(name)!.value);
    for (const [name, fn] of [...this.providers].sort((a, b) => (a[0] < b[0] ? -1 : 1))) setPath(out, name, fn());
    return out;
  }
}

function setPath(root: StatsTree, dotted: string, v: number | StatsTree): void {
  const parts = dotted.split('.');
  let node = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = node[parts[i]];
    if (typeof next !== 'object') node[parts[i]] = {};
    node = node[parts[i]] as StatsTree;
  }
  node[parts[parts.length - 1]] = v;
}
