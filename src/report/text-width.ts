/**
 * Text extent without a layout engine. linkedom has no getBBox, so label
 * placement estimates widths from DejaVu Sans' advance widths (the font the
 * SVGs ask for and resvg renders with), read from the font's hmtx table.
 */

/** Advance widths of ASCII 32..126 in thousandths of an em (DejaVu Sans Book). */
const ASCII = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636,
  636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775,
  752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390,
  337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
  635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
/** The few non-ASCII glyphs the reports print (superscript exponents, middle dot, ×). */
const EXTRA: Record<string, number> = { '·': 318, '⁻': 528, '×': 838, '–': 500, '—': 1000, 'µ': 636 };
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

function advance(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 32 && c <= 126) return ASCII[c - 32];
  if (SUPERSCRIPT.includes(ch)) return 401;
  return EXTRA[ch] ?? 640; // unknown glyphs: about a digit's width
}

/** Width in px of `text` at `fontSize` px; bold DejaVu is about 10% wider. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += advance(ch);
  return (em / 1000) * fontSize * (bold ? 1.1 : 1);
}

/** Greedy word wrap of `text` to `maxWidth` px; continuation lines are indented two spaces. */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(' ')) {
    const next = cur ? `${cur} ${word}` : word;
    if (cur && textWidth(next, fontSize) > maxWidth) {
      lines.push(cur);
      cur = `  ${word}`;
    } else cur = next;
  }
  if (cur) lines.push(cur);
  return lines;
}
