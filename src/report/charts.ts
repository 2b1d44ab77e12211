/** Chart specs (what systems contribute, as data) → SVG strings, by chart kind. */
import type { ChartSpec } from '../systems/report-spec.js';
import { renderBarChartSvg } from './bar-chart.js';
import { renderGanttSvg } from './gantt-chart.js';
import { renderHeatmapSvg } from './heatmap-chart.js';
import { renderLineChartSvg } from './line-chart.js';
import { renderRooflineSvg } from './roofline-plot.js';
import { renderScatterSvg } from './scatter-chart.js';

export function renderChartSvg(chart: ChartSpec): string {
  switch (chart.kind) {
    case 'bar':
      return renderBarChartSvg(chart.input);
    case 'gantt':
      return renderGanttSvg(chart.input);
    case 'roofline-plot':
      return renderRooflineSvg(chart.input);
    case 'line':
      return renderLineChartSvg(chart.input);
    case 'scatter':
      return renderScatterSvg(chart.input);
    case 'heatmap':
      return renderHeatmapSvg(chart.input);
  }
}
