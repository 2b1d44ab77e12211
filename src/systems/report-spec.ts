/**
 * What a system contributes to a report, as data: figures are chart specs (kind + plain input),
 * rendered by src/report, so systems never import the renderer and src/report never names a system.
 */
import type { Dtype } from '../hw/device.js';

/** A horizontal line across a plot, e.g. y = 1 on a ratio chart. */
export interface ReferenceLine {
  value: number;
  label: string;
}

/** Every chart: a title, and a subtitle naming the config it shows (model, device, stage, bits, mode…). */
interface Titled {
  title: string;
  subtitle?: string;
  width?: number;
  height?: number;
}

export interface BarChartInput extends Titled {
  yLabel: string;
  categories: string[];
  groups: { label: string; values: number[] }[];
  logY?: boolean;
  referenceY?: ReferenceLine;
  /** Per category, a warning drawn above its bars (e.g. "does not fit: +12% over 80 GB"). */
  flags?: (string | null)[];
}

export interface GanttSpan {
  lane: string;
  start: number;
  end: number;
  /** Colour key and legend text (e.g. the stage name). */
  label: string;
}

export interface GanttInput extends Titled {
  /** Lanes top to bottom. */
  lanes: string[];
  spans: GanttSpan[];
  xLabel: string;
  /** The unit span times are in (`s`, `cycles`): ticks read `20 ms`, `1.5 k`. Default: plain numbers. */
  xUnit?: string;
  /** Legend heading for the span labels (e.g. `stage`, `task`). */
  legendTitle?: string;
  /** Span labels in legend order, each with an explanation (`fwd: forward pass`); default: order of appearance. */
  legend?: { label: string; describe?: string }[];
}

/** Metric vs one axis, one line per series (sweep views). */
export interface LineChartInput extends Titled {
  xLabel: string;
  yLabel: string;
  series: { label: string; points: { x: number; y: number }[] }[];
  logX?: boolean;
  logY?: boolean;
  referenceY?: ReferenceLine;
}

/** Two objectives per point; the non-dominated ones are joined as the Pareto front. */
export interface ScatterInput extends Titled {
  xLabel: string;
  yLabel: string;
  points: { label: string; group: string; x: number; y: number }[];
  better: { x: 'lower' | 'higher'; y: 'lower' | 'higher' };
  logX?: boolean;
  logY?: boolean;
}

/** A metric over two axes. */
export interface HeatmapInput extends Titled {
  xLabel: string;
  yLabel: string;
  xs: string[];
  ys: string[];
  /** values[yi][xi]; null = no result (failed or filtered out). */
  values: (number | null)[][];
  unit: string;
  /** What a null cell means, written in it (default `n/a`). */
  missing?: string;
}

/** One operator as a roofline point: OPs and bytes moved give its intensity, time its attained rate. */
export interface RooflineRow {
  name: string;
  stage: 'prefill' | 'decode';
  ops: number;
  memory_access: number;
  arithmetic_intensity: number;
  bound: 'compute' | 'memory' | 'communication' | 'latency';
  time_s: number;
  dtype?: Dtype;
}

export interface RooflinePlotInput extends Titled {
  roofs: { bandwidth: number; peaks: Partial<Record<Dtype, number>> };
  series: { label: string; rows: RooflineRow[] }[];
}

export type ChartSpec =
  | { kind: 'bar'; input: BarChartInput }
  | { kind: 'gantt'; input: GanttInput }
  | { kind: 'roofline-plot'; input: RooflinePlotInput }
  | { kind: 'line'; input: LineChartInput }
  | { kind: 'scatter'; input: ScatterInput }
  | { kind: 'heatmap'; input: HeatmapInput };

export interface FigureSpec {
  /** File stem of the figure's SVG/PNG/JSON (unique within the report). */
  name: string;
  caption: string;
  chart: ChartSpec;
  /** Tables that explain this figure, shown right after it. */
  tables?: TableSpec[];
}

export interface TableSpec {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

export interface SectionSpec {
  id: string;
  title: string;
  intro?: string;
  figures: FigureSpec[];
  /** Tables of the whole section, after its figures. */
  tables: TableSpec[];
}
