/** Shared checks for report tests. */
import { Resvg } from '@resvg/resvg-js';
import { DOMParser } from 'linkedom';
import { expect } from 'vitest';

/**
 * Parses `svg` twice: resvg's XML parser (roxmltree) is strict and throws on
 * malformed markup, which linkedom's lenient parser would silently repair;
 * linkedom then gives a document the test can query.
 */
export function parseSvg(svg: string): Document {
  expect(() => new Resvg(svg, { font: { loadSystemFonts: false } })).not.toThrow();
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml') as unknown as Document;
  const root = doc.documentElement;
  expect(root.tagName.toLowerCase()).toBe('svg');
  expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
  expect(Number(root.getAttribute('width'))).toBeGreaterThan(0);
  expect(Number(root.getAttribute('height'))).toBeGreaterThan(0);
  return doc;
}

export function texts(doc: Document, selector: string): string[] {
  return [...doc.querySelectorAll(selector)].map((n) => n.textContent ?? '');
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, after checking the signature. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(String.fromCharCode(...png.subarray(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
