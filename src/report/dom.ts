/**
 * A detached SVG root for d3 to draw into, headless. linkedom stands in for
 * the browser DOM (jsdom is far heavier and not a dependency); the result is
 * serialised to a standalone SVG string that resvg and browsers both accept.
 */
import { select, type Selection } from 'd3';
import { parseHTML } from 'linkedom';

export const SVG_NS = 'http://www.w3.org/2000/svg';
/** DejaVu first: it is what resvg finds on Debian; the rest are for browsers without it. */
export const FONT_FAMILY = 'DejaVu Sans, Arial, sans-serif';

export type Svg = Selection<SVGSVGElement, unknown, null, undefined>;
export type G = Selection<SVGGElement, unknown, null, undefined>;

export interface SvgCanvas {
  svg: Svg;
  /** The standalone SVG text (no XML declaration, so it can also be inlined in HTML). */
  toString(): string;
}

/** A blank white canvas of `width`×`height` px with the report font set on the root. */
export function svgCanvas(width: number, height: number, fontSize = 12): SvgCanvas {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  // d3's creator picks createElementNS from the parent's namespace, so only the root needs it.
  const root = document.createElementNS(SVG_NS, 'svg') as unknown as SVGSVGElement;
  document.body.appendChild(root as never);
  const svg = select(root)
    .attr('xmlns', SVG_NS)
    .attr('width', width)
    .attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('font-family', FONT_FAMILY)
    .attr('font-size', fontSize);
  // An explicit background: PNGs and dark-mode viewers otherwise show transparency.
  svg.append('rect').attr('width', width).attr('height', height).attr('fill', '#ffffff');
  return { svg, toString: () => (root as unknown as { outerHTML: string }).outerHTML };
}

/** Rounds a pixel coordinate to 0.01 px: smaller files, and no float noise in diffs. */
export function px(v: number): number {
  return Math.round(v * 100) / 100;
}
