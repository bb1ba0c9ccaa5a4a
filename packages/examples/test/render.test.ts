import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import {
  energySpec,
  phasePortraitSpec,
  renderSpec,
  resvgOptions,
  svgToPng,
  type Trajectory,
} from '../src/index.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const circle = (name: string, radius: number, n = 50): Trajectory => {
  const t = Array.from({ length: n }, (_, i) => i / (n - 1));
  return {
    name,
    q: t.map((ti) => radius * Math.sin(2 * Math.PI * ti)),
    p: t.map((ti) => radius * Math.cos(2 * Math.PI * ti)),
  };
};

/** Width and height from a PNG's IHDR chunk (bytes 16-23, big-endian). */
const pngSize = (png: Uint8Array): [number, number] => {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
};

describe('renderSpec', () => {
  it('draws the phase portrait as SVG with both axis titles and both legend entries', async () => {
    const spec = phasePortraitSpec([circle('Original', 1), circle('Predicted', 0.9)]);
    const { svg } = await renderSpec(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['Position (q)', 'Momentum (p)', 'Original', 'Predicted']) {
      expect(svg).toContain(`>${text}</text>`);
    }
    expect(svg).toContain('font-family="DejaVu Sans"');
  });

  it('rasterises the same picture to a PNG, twice as large by default', async () => {
    const { svg, png } = await renderSpec(phasePortraitSpec([circle('Original', 1)]));
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)?.[1]);
    const height = Number(/<svg[^>]* height="(\d+)"/.exec(svg)?.[1]);
    expect(pngSize(png)).toEqual([2 * width, 2 * height]);
    expect(pngSize(svgToPng(svg, { scale: 1 }))).toEqual([width, height]);
  });

  it('draws text with the bundled font, without loading system fonts', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">' +
      '<text x="4" y="28" font-family="DejaVu Sans" font-size="24">q, p</text></svg>';
    const blank = svg.replace('q, p', '');
    const inked = (s: string) => {
      const pixels = new Resvg(s, resvgOptions({ scale: 1 })).render().pixels;
      let dark = 0;
      for (let i = 0; i < pixels.length; i += 4) if ((pixels[i] as number) < 128) dark++;
      return dark;
    };
    expect(inked(blank)).toBe(0);
    expect(inked(svg)).toBeGreaterThan(50);
  });

  it('draws the energy chart with its axis titles and legend', async () => {
    const t = [0, 0.5, 1];
    const spec = energySpec([
      { trajectory: 'Original', hamiltonian: 'true H', t, H: [3.14, 3.14, 3.14] },
      { trajectory: 'Predicted', hamiltonian: 'learned H', t, H: [3.14, 3.15, 3.16] },
    ]);
    const { svg, png } = await renderSpec(spec);
    for (const text of ['Time (t)', 'Energy (H)', 'true H', 'learned H', 'Predicted']) {
      expect(svg).toContain(`>${text}</text>`);
    }
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  it('rejects a bad scale, naming the value', () => {
    expect(() => svgToPng('<svg xmlns="http://www.w3.org/2000/svg"/>', { scale: 0 })).toThrow(
      /scale must be a finite number > 0, got 0/,
    );
  });
});

describe('chart specifications', () => {
  it('join a trajectory in time order, not sorted by q, so an orbit closes', () => {
    const spec = phasePortraitSpec([circle('Original', 1, 4)]) as {
      encoding: { order: { field: string } };
      data: { values: { i: number }[] };
    };
    expect(spec.encoding.order.field).toBe('i');
    expect(spec.data.values.map((r) => r.i)).toEqual([0, 1, 2, 3]);
  });

  it('reject a trajectory whose q and p differ in length, naming it', () => {
    expect(() => phasePortraitSpec([{ name: 'Predicted', q: [0, 1], p: [1] }])).toThrow(
      /"Predicted" has 2 positions but 1 momenta/,
    );
    expect(() =>
      energySpec([{ trajectory: 'Original', hamiltonian: 'true H', t: [0, 1], H: [1] }]),
    ).toThrow(/"true H" along "Original" has 2 times but 1 energies/);
  });
});
