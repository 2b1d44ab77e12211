/**
 * The report page's only script (bundled with d3-zoom at build time into dist/report/client.js and
 * inlined, so the page still opens offline): tooltips for every mark with a `data-tip`, and
 * zooming/panning of timelines (`svg[data-zoom="x"]`) along their time axis. Static SVG/PNG files
 * are untouched and keep the full span.
 */
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent } from 'd3-zoom';
import { siTick } from '../format.js';

function tooltips(): void {
  const tip = document.createElement('div');
  tip.id = 'tooltip';
  tip.setAttribute('role', 'tooltip');
  document.body.appendChild(tip);
  const show = (e: MouseEvent) => {
    const el = (e.target as Element | null)?.closest?.('[data-tip]');
    if (!el) return;
    tip.textContent = el.getAttribute('data-tip');
    tip.style.display = 'block';
    tip.style.left = `${e.clientX + 14}px`;
    tip.style.top = `${e.clientY + 14}px`;
  };
  document.addEventListener('mouseover', show);
  document.addEventListener('mousemove', (e) => tip.style.display === 'block' && show(e));
  document.addEventListener('mouseout', (e) => {
    if ((e.target as Element | null)?.closest?.('[data-tip]')) tip.style.display = 'none';
  });
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Redraws the x axis ticks of a zoomed timeline (the server draws the same marks, see axes.ts). */
function redrawAxis(axis: SVGGElement, x: (v: number) => number, ticks: number[], fmt: (v: number) => string, h: number): void {
  for (const el of [...axis.querySelectorAll(':scope > :not(.label)')]) el.remove();
  const label = axis.querySelector('.label');
  for (const v of ticks) {
    const grid = document.createElementNS(SVG_NS, 'line');
    for (const [k, val] of [['x1', x(v)], ['x2', x(v)], ['y1', 0], ['y2', h]] as const) grid.setAttribute(k, String(val));
    grid.setAttribute('stroke', '#e6e6e6');
    const tick = document.createElementNS(SVG_NS, 'line');
    for (const [k, val] of [['x1', x(v)], ['x2', x(v)], ['y1', h], ['y2', h + 5]] as const) tick.setAttribute(k, String(val));
    tick.setAttribute('stroke', '#222222');
    const text = document.createElementNS(SVG_NS, 'text');
    text.setAttribute('x', String(x(v)));
    text.setAttribute('y', String(h + 18));
    text.setAttribute('text-anchor', 'middle');
    text.setAttribute('fill', '#222222');
    text.setAttribute('class', 'tick-label');
    text.textContent = fmt(v);
    axis.insertBefore(grid, label);
    axis.insertBefore(tick, label);
    axis.insertBefore(text, label);
  }
}

function zoomableTimelines(): void {
  for (const svg of document.querySelectorAll<SVGSVGElement>('svg[data-zoom="x"]')) {
    const plot = svg.querySelector<SVGGElement>('g.plot');
    const axis = plot?.querySelector<SVGGElement>('g.axis.x');
    if (!plot || !axis) continue;
    const w = Number(plot.dataset.width);
    const h = Number(plot.dataset.height);
    const [d0, d1] = (plot.dataset.domain ?? '0,1').split(',').map(Number);
    const x0 = scaleLinear().domain([d0, d1]).range([0, w]);
    const fmt = siTick(svg.dataset.unit || undefined);
    const spans = [...plot.querySelectorAll<SVGRectElement>('rect.span')].map((r) => ({ r, s: Number(r.dataset.start), e: Number(r.dataset.end) }));
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([1, 1000])
      .extent([[0, 0], [w, h]])
      .translateExtent([[0, 0], [w, h]])
      .filter((e: Event) => e.type !== 'dblclick' && !(e as MouseEvent).button)
      .on('zoom', (e: D3ZoomEvent<SVGSVGElement, unknown>) => {
        const x = e.transform.rescaleX(x0);
        for (const { r, s, e: end } of spans) {
          r.setAttribute('x', String(x(s)));
          r.setAttribute('width', String(Math.max(0.5, x(end) - x(s))));
        }
        redrawAxis(axis, x, x.ticks(6), fmt, h);
        svg.dataset.zoomK = String(e.transform.k);
      });
    const sel = select(svg);
    sel.call(z);
    sel.on('dblclick', () => sel.call(z.transform, zoomIdentity));
  }
}

tooltips();
zoomableTimelines();
