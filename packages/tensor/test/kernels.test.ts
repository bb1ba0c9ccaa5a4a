import { describe, expect, it } from 'vitest';
import { fromTypedArray, gelu, sum } from '../src/index.js';
import {
  allocate,
  binaryExpr,
  binaryKernels,
  binaryNames,
  unaryExpr,
  unaryKernels,
  sumInto,
  unaryNames,
  wrap,
} from '../src/kernels/index.js';

// Special values first, then a spread of magnitudes of both signs.
const special = [0, -0, 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, Infinity, -Infinity, NaN];
const spread = [1e-300, 1e-10, 0.1, 0.7, 0.9999, 2.9, 3, 3.5, 5.9, 6, 20, 700, 800, 1e10, 1e300];
const inputs = Float64Array.from([
  ...special,
  ...spread,
  ...spread.map((v) => -v),
  ...Array.from({ length: 200 }, (_, i) => (i - 100) * 0.0731),
]);

describe('expression templates', () => {
  it.each(unaryNames)('unary %s compiles to the bits of its kernel', (name) => {
    const f = new Function('v', `return ${unaryExpr[name]('v')};`) as (v: number) => number;
    const out = new Float64Array(inputs.length);
    unaryKernels[name](inputs, out, inputs.length);
    for (let i = 0; i < inputs.length; i++) expect(Object.is(f(inputs[i]), out[i])).toBe(true);
  });

  it.each(binaryNames)('binary %s compiles to the bits of its kernel', (name) => {
    const f = new Function('x', 'y', `return ${binaryExpr[name]('x', 'y')};`) as (
      x: number,
      y: number,
    ) => number;
    const ys = Float64Array.from([...special, 3, -3, 0.25, 1e300]);
    const n = inputs.length;
    const out = new Float64Array(n * ys.length);
    binaryKernels[name](inputs, [n, 1], ys, [ys.length], out, [n, ys.length]);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < ys.length; j++) {
        expect(Object.is(f(inputs[i], ys[j]), out[i * ys.length + j])).toBe(true);
      }
    }
  });
});

describe('the kernels subpath', () => {
  it('wraps a storage without copying and rejects a size mismatch as an internal error', () => {
    const data = new Float64Array([1, 2, 3, 4]);
    const t = wrap(data, [2, 2]);
    expect(t.data).toBe(data);
    expect(() => wrap(data, [3])).toThrow(
      'internal: wrap: shape [3] needs 3 elements, storage has 4',
    );
  });

  it('the eager ops produce the kernels bits', () => {
    const x = fromTypedArray(inputs.subarray(0, 60), [6, 10]);
    const out = allocate('float64', 10);
    sumInto(x.data, x.shape, [0], out);
    expect(sum(x, { axis: 0 }).data).toEqual(out);
    const y = new Float64Array(60);
    unaryKernels.gelu(x.data, y, 60);
    expect(gelu(x).data).toEqual(y);
  });
});
