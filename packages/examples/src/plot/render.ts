/**
 * Rendering: a vega-lite specification compiled to vega, drawn to SVG by a headless vega
 * `View`, and rasterised to PNG by resvg with a font that ships in an npm package.
 */
import { createRequire } from 'node:module';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { View, parse } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * The family every chart's text uses. Its files come from the `dejavu-fonts-ttf` package, not
 * from the system, so a PNG has readable labels on a machine without fonts and looks the same
 * on every machine.
 */
export const FONT_FAMILY = 'DejaVu Sans';

const require = createRequire(import.meta.url);

/** The font files handed to resvg: regular for labels, bold for titles. */
export const fontFiles = (): string[] =>
  ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) =>
    require.resolve(`dejavu-fonts-ttf/ttf/${f}`),
  );

/** Options of `svgToPng`. */
export interface PngOptions {
  /** Pixels per SVG unit (default 2, sharp on high-density screens). */
  readonly scale?: number;
}

/** A rendered chart: the SVG text and the PNG bytes of the same picture. */
export interface Rendered {
  readonly svg: string;
  readonly png: Uint8Array;
}

/**
 * Draws a vega-lite specification as SVG text, in Node, without a browser: vega-lite compiles
 * it to vega, and a vega `View` with the `'none'` renderer builds the scene and serialises it.
 * The chart's font is set to `FONT_FAMILY` unless the spec's config names another.
 *
 * @example
 * const svg = await specToSvg({ data: { values: [{ x: 1, y: 2 }] }, mark: 'point',
 *   encoding: { x: { field: 'x' }, y: { field: 'y' } } });
 */
export const specToSvg = async (spec: TopLevelSpec): Promise<string> => {
  const withFont = { ...spec, config: { font: FONT_FAMILY, ...spec.config } } as TopLevelSpec;
  const view = new View(parse(compile(withFont).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
};

/**
 * The options `svgToPng` hands to resvg: only the bundled DejaVu fonts (system fonts are not
 * loaded: faster, and the same pixels on every machine), a white background, and the scale.
 *
 * @example
 * new Resvg(svg, resvgOptions({ scale: 1 })).render().pixels; // RGBA bytes
 */
export const resvgOptions = (options: PngOptions = {}): ResvgRenderOptions => {
  const { scale = 2 } = options;
  if (!(scale > 0 && Number.isFinite(scale))) {
    throw new RangeError(`svgToPng: scale must be a finite number > 0, got ${scale}`);
  }
  return {
    font: {
      loadSystemFonts: false,
      fontFiles: fontFiles(),
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
  };
};

/**
 * Rasterises SVG text to PNG bytes with resvg, using only the bundled DejaVu fonts (system
 * fonts are not loaded: faster, and the same pixels everywhere).
 *
 * Pitfall: text in any family other than DejaVu Sans falls back to it.
 *
 * @example
 * const png = svgToPng(svg, { scale: 1 });
 * png.subarray(0, 8); // 89 50 4e 47 0d 0a 1a 0a
 */
export const svgToPng = (svg: string, options: PngOptions = {}): Uint8Array =>
  new Uint8Array(new Resvg(svg, resvgOptions(options)).render().asPng());

/**
 * A vega-lite specification drawn as SVG and as PNG.
 *
 * @example
 * const { svg, png } = await renderSpec(phasePortraitSpec([original, predicted]));
 */
export const renderSpec = async (
  spec: TopLevelSpec,
  options: PngOptions = {},
): Promise<Rendered> => {
  const svg = await specToSvg(spec);
  return { svg, png: svgToPng(svg, options) };
};
