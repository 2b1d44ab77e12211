/**
 * What a system contributes to a report, as data: figures are chart specs (kind + plain input),
 * rendered by src/report, so systems never import the renderer and src/report never names a system.
 */
import type { Dtype } from '../hw/device.js';

export interface BarChartInput {
  title: string;
  yLabel: string;
  categories: string[];
  groups: { label: string; values: number[] }[];
  logY?: boolean;
  width?: number;
  height?: number;
}

export interface GanttSpan {
  lane: string;
  start: number;
  end: number;
  /** Colour key and legend text (e.g. the stage name). */
  label: string;
}

export interface GanttInput {
  title: string;
  /** Lanes top to bottom. */
  lanes: string[];
  spans: GanttSpan[];
  xLabel: string;
  width?: number;
  height?: number;
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

export interface RooflinePlotInput {
  title: string;
  roofs: { bandwidth: number; peaks: Partial<Record<Dtype, number>> };
  series: { label: string; rows: RooflineRow[] }[];
  width?: number;
  height?: number;
}

export type ChartSpec = { kind: 'bar'; input: BarChartInput } | { kind: 'gantt'; input: GanttInput } | { kind: 'roofline-plot'; input: RooflinePlotInput };

export interface FigureSpec {
  /** File stem of the figure's SVG/PNG (unique within the report). */
  name: string;
  caption: string;
  chart: ChartSpec;
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
  tables: TableSpec[];
}
