/**
 * The access-pass symbols of the embedded ID server: simple shapes in distinct colours, drawn into
 * 88x88 RGBA PNGs (the size SecSign's samples use) with pngjs. Each shape is an inside/outside test
 * on the unit square, sampled 4 times per pixel for smooth edges. The PNGs are drawn once and cached.
 */
import { PNG } from 'pngjs';

/** Width and height of every symbol, in pixels. */
export const SYMBOL_SIZE = 88;

type Point = readonly [number, number];
/** Inside test on coordinates from -1 to 1, y pointing down. */
type Inside = (x: number, y: number) => boolean;

export interface SymbolShape {
  /** Stable machine name, used in URLs and form values. */
  readonly name: string;
  /** What a screen reader says, English and German. */
  readonly label: { readonly en: string; readonly de: string };
  /** RGB colour of the shape. */
  readonly rgb: readonly [number, number, number];
  readonly inside: Inside;
}

function polygon(points: readonly Point[]): Inside {
  return (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i]!;
      const [xj, yj] = points[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
}

/** A star with `spikes` points, outer radius `outer` and inner radius `inner`, one point up. */
function star(spikes: number, outer: number, inner: number): Point[] {
  const points: Point[] = [];
  for (let k = 0; k < spikes * 2; k++) {
    const r = k % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (k * Math.PI) / spikes;
    points.push([r * Math.cos(a), r * Math.sin(a)]);
  }
  return points;
}

/** All symbols, in a fixed order. At least `decoys + 1` are needed for one phone screen. */
export const SYMBOLS: readonly SymbolShape[] = [
  {
    name: 'circle',
    label: { en: 'Circle', de: 'Kreis' },
    rgb: [214, 40, 40],
    inside: (x, y) => x * x + y * y <= 0.8 * 0.8,
  },
  {
    name: 'square',
    label: { en: 'Square', de: 'Quadrat' },
    rgb: [29, 78, 216],
    inside: (x, y) => Math.abs(x) <= 0.7 && Math.abs(y) <= 0.7,
  },
  {
    name: 'triangle',
    label: { en: 'Triangle', de: 'Dreieck' },
    rgb: [22, 138, 52],
    inside: polygon([
      [0, -0.82],
      [0.86, 0.7],
      [-0.86, 0.7],
    ]),
  },
  {
    name: 'star',
    label: { en: 'Star', de: 'Stern' },
    rgb: [234, 150, 0],
    inside: polygon(star(5, 0.9, 0.38)),
  },
  {
    name: 'heart',
    label: { en: 'Heart', de: 'Herz' },
    rgb: [219, 39, 119],
    inside: (x, y) => {
      const u = x / 0.72;
      const v = -(y - 0.08) / 0.72;
      const a = u * u + v * v - 1;
      return a * a * a - u * u * v * v * v <= 0;
    },
  },
  {
    name: 'diamond',
    label: { en: 'Diamond', de: 'Raute' },
    rgb: [124, 58, 237],
    inside: (x, y) => Math.abs(x) / 0.65 + Math.abs(y) / 0.9 <= 1,
  },
  {
    name: 'cross',
    label: { en: 'Cross', de: 'Kreuz' },
    rgb: [13, 148, 136],
    inside: (x, y) =>
      (Math.abs(x) <= 0.27 && Math.abs(y) <= 0.85) || (Math.abs(y) <= 0.27 && Math.abs(x) <= 0.85),
  },
  {
    name: 'moon',
    label: { en: 'Crescent moon', de: 'Mondsichel' },
    rgb: [146, 64, 14],
    inside: (x, y) => x * x + y * y <= 0.8 * 0.8 && (x - 0.38) ** 2 + (y + 0.2) ** 2 > 0.62 ** 2,
  },
  {
    name: 'ring',
    label: { en: 'Ring', de: 'Ring' },
    rgb: [2, 132, 199],
    inside: (x, y) => {
      const d = x * x + y * y;
      return d <= 0.85 * 0.85 && d >= 0.5 * 0.5;
    },
  },
  {
    name: 'arrow',
    label: { en: 'Arrow', de: 'Pfeil' },
    rgb: [55, 65, 81],
    inside: polygon([
      [-0.85, -0.25],
      [0.05, -0.25],
      [0.05, -0.7],
      [0.88, 0],
      [0.05, 0.7],
      [0.05, 0.25],
      [-0.85, 0.25],
    ]),
  },
];

/** The symbol with this machine name, if there is one. */
export function symbolByName(name: string): SymbolShape | undefined {
  return SYMBOLS.find((s) => s.name === name);
}

/** Draws one symbol into a PNG (4 samples per pixel; coverage becomes alpha). */
function draw(shape: SymbolShape): Buffer {
  const png = new PNG({ width: SYMBOL_SIZE, height: SYMBOL_SIZE });
  const offsets = [0.25, 0.75];
  for (let py = 0; py < SYMBOL_SIZE; py++) {
    for (let px = 0; px < SYMBOL_SIZE; px++) {
      let hits = 0;
      for (const oy of offsets) {
        for (const ox of offsets) {
          const x = ((px + ox) / SYMBOL_SIZE) * 2 - 1;
          const y = ((py + oy) / SYMBOL_SIZE) * 2 - 1;
          if (shape.inside(x, y)) hits++;
        }
      }
      const i = (py * SYMBOL_SIZE + px) * 4;
      png.data[i] = shape.rgb[0];
      png.data[i + 1] = shape.rgb[1];
      png.data[i + 2] = shape.rgb[2];
      png.data[i + 3] = Math.round((hits / 4) * 255);
    }
  }
  return PNG.sync.write(png);
}

const cache = new Map<string, Buffer>();

/** The symbol's PNG bytes (drawn on first use, then cached). */
export function symbolPng(shape: SymbolShape): Buffer {
  let png = cache.get(shape.name);
  if (!png) {
    png = draw(shape);
    cache.set(shape.name, png);
  }
  return png;
}

/** The symbol's PNG as base64, as `authsessionicondata` carries it. */
export function symbolBase64(shape: SymbolShape): string {
  return symbolPng(shape).toString('base64');
}
