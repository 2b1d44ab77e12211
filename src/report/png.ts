/**
 * SVG to PNG with resvg (Rust, no browser). System fonts are loaded so the
 * SVGs' "DejaVu Sans" resolves; on Debian that is the fonts-dejavu-core
 * package, without which text silently disappears from the PNG.
 */
import { Resvg } from '@resvg/resvg-js';

export interface PngOptions {
  /** Output width in px; height follows the SVG's aspect ratio. Default: the SVG's own width. */
  width?: number;
  /** Scale factor on the SVG's own size (2 for slides); text stays vector-sharp, it is rasterised at that size. */
  scale?: number;
}

export function svgToPng(svg: string, opts: PngOptions = {}): Uint8Array {
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    fitTo: opts.width ? { mode: 'width', value: opts.width } : opts.scale && opts.scale !== 1 ? { mode: 'zoom', value: opts.scale } : { mode: 'original' },
    background: '#ffffff',
    logLevel: 'off',
  });
  const png = resvg.render().asPng();
  // A plain Uint8Array view: callers should not come to depend on Buffer's extra methods.
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
