/**
 * Chart titles and subtitles, wrapped to the figure's width rather than cut: a title names what is
 * plotted, the subtitle the config it came from (model, device, stage, bits, mode), so a figure
 * copied into a paper or a pull request still says what it shows.
 */
import type { Svg } from './dom.js';
import { INK, MUTED } from './palette.js';
import { textWidth } from './text-width.js';

const TITLE = 15;
const SUB = 11.5;

/** Greedy word wrap to `maxW` px (a word longer than a line gets a line of its own). */
export function wrapText(text: string, maxW: number, font: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, font, bold) > maxW) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The height `drawChartTitle` will take, for laying out the plot before drawing. */
export function chartTitleHeight(maxW: number, title: string, subtitle?: string): number {
  const t = wrapText(title, maxW, TITLE, true).length * (TITLE + 3);
  const s = subtitle ? wrapText(subtitle, maxW, SUB).length * (SUB + 3) : 0;
  return 6 + t + s + 12;
}

/** Draws the title (and subtitle) from y = 0 at `x`; returns the height they take, for the top margin. */
export function drawChartTitle(svg: Svg, x: number, maxW: number, title: string, subtitle?: string): number {
  let y = 6;
  const g = svg.append('g').attr('class', 'chart-title');
  for (const line of wrapText(title, maxW, TITLE, true)) {
    y += TITLE + 3;
    g.append('text').attr('class', 'title').attr('x', x).attr('y', y).attr('font-size', TITLE).attr('font-weight', 'bold').attr('fill', INK).text(line);
  }
  if (subtitle) {
    for (const line of wrapText(subtitle, maxW, SUB)) {
      y += SUB + 3;
      g.append('text').attr('class', 'subtitle').attr('x', x).attr('y', y).attr('font-size', SUB).attr('fill', MUTED).text(line);
    }
  }
  return y + 12;
}
