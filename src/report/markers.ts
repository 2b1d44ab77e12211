/**
 * Point markers: stage picks shape and colour (so print in greyscale still
 * tells prefill from decode), series picks the fill.
 */
import { symbol, symbolCircle, symbolDiamond, symbolSquare, symbolTriangle, type SymbolType } from 'd3';
import type { G } from './dom.js';
import { px } from './dom.js';
import { OKABE_ITO } from './palette.js';

export type FillStyle = 'solid' | 'open' | 'tint';

export interface MarkerStyle {
  shape: SymbolType;
  colour: string;
}

const STAGE: Record<string, MarkerStyle> = {
  prefill: { shape: symbolCircle, colour: OKABE_ITO[0] },
  decode: { shape: symbolTriangle, colour: OKABE_ITO[1] },
};
const OTHER: MarkerStyle[] = [
  { shape: symbolSquare, colour: OKABE_ITO[2] },
  { shape: symbolDiamond, colour: OKABE_ITO[3] },
];

export function stageStyle(stage: string, i = 0): MarkerStyle {
  return STAGE[stage] ?? OTHER[i % OTHER.length];
}

const FILLS: FillStyle[] = ['solid', 'open', 'tint'];

/** Series 0 solid, 1 open, 2 tinted; from the fourth on the stroke is dashed as well. */
export function seriesFill(i: number): { fill: FillStyle; dashed: boolean } {
  return { fill: FILLS[i % FILLS.length], dashed: i >= FILLS.length };
}

/** Symbol area in px²; triangles look smaller than circles of equal area, so they get a little more. */
export function markerArea(shape: SymbolType): number {
  return shape === symbolTriangle ? 70 : 52;
}

/** Half the marker's extent: what label placement keeps clear. */
export function markerRadius(shape: SymbolType): number {
  return Math.sqrt(markerArea(shape) / Math.PI) + (shape === symbolTriangle ? 2 : 1);
}

export function drawMarker(g: G, x: number, y: number, style: MarkerStyle, fill: FillStyle, dashed = false): void {
  const d = symbol(style.shape, markerArea(style.shape))() ?? '';
  const p = g.append('path').attr('d', d).attr('transform', `translate(${px(x)},${px(y)})`)
    .attr('stroke', style.colour).attr('stroke-width', 1.3);
  if (fill === 'solid') p.attr('fill', style.colour).attr('fill-opacity', 0.85);
  else if (fill === 'open') p.attr('fill', '#ffffff');
  else p.attr('fill', style.colour).attr('fill-opacity', 0.3);
  if (dashed) p.attr('stroke-dasharray', '2,1.5');
}
