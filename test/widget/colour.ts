/**
 * Colour arithmetic for the widget's browser tests: any CSS colour Chromium can paint (oklch(),
 * color-mix(), translucent ones over a background) as sRGB bytes, and the WCAG 2 contrast ratio.
 */

/**
 * Any CSS colour as [r, g, b] (0–255), through a canvas: oklch(), color-mix() and all. A
 * translucent colour is painted over `under` first, as the page would show it.
 */
export function rgb(color: string, under = 'transparent'): [number, number, number] {
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  for (const paint of [under, color]) {
    ctx.fillStyle = paint;
    ctx.fillRect(0, 0, 1, 1);
  }
  const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!];
}

/** WCAG 2 contrast ratio of two CSS colours, both painted over `under` (for translucent ones). */
export function contrast(a: string, b: string, under = 'transparent'): number {
  const lum = (c: string) => {
    const [r, g, bl] = rgb(c, under).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
