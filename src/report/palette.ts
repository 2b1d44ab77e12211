/**
 * Colours for every report figure. Okabe–Ito: distinguishable under the common
 * colour-vision deficiencies and in greyscale print when paired with shapes.
 */
export const OKABE_ITO = [
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#F0E442', // yellow (last: poor contrast on white)
  '#000000',
] as const;

export const INK = '#222222';
export const MUTED = '#666666';
export const GRID = '#e6e6e6';
export const ROOF = '#444444';
/** Warnings drawn on a chart (does not fit, clipped): dark red, still dark in greyscale. */
export const WARN = '#A4161A';

/** The i-th categorical colour, cycling. */
export function categorical(i: number): string {
  return OKABE_ITO[i % OKABE_ITO.length];
}
