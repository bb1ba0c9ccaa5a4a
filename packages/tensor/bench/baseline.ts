/**
 * The plain-JS references: the loops a careful programmer writes by hand over Float64Array,
 * into an output allocated once outside the timed region.
 */

/** out = a b by the i-k-j loop over row-major [m, k] and [k, n], out zeroed first. */
export const plainMatmul = (
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  m: number,
  k: number,
  n: number,
): void => {
  out.fill(0);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      for (let j = 0; j < n; j++) out[i * n + j] += aip * b[p * n + j];
    }
  }
};

/** out = x + bias, bias broadcast along the rows of [m, n]. */
export const plainAddBias = (
  x: Float64Array,
  bias: Float64Array,
  out: Float64Array,
  m: number,
  n: number,
): void => {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = x[i * n + j] + bias[j];
  }
};

/** out = tanh(x). */
export const plainTanh = (x: Float64Array, out: Float64Array): void => {
  for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i]);
};
