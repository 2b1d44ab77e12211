/** The report toolkit: figures as standalone SVG strings, PNG conversion, the HTML page, atomic writes. */
export { writeFileAtomic, writeFileAtomicSync } from './atomic-write.js';
export { svgCanvas, FONT_FAMILY, SVG_NS, type SvgCanvas } from './dom.js';
export { renderRooflineSvg, type RooflinePlotInput } from './roofline-plot.js';
export { svgToPng, type PngOptions } from './png.js';
export { renderBarChartSvg, type BarChartInput } from './bar-chart.js';
export { renderIndexHtml, escapeHtml, type ReportPage, type ReportSection, type ReportFigure, type ReportTable } from './html.js';
