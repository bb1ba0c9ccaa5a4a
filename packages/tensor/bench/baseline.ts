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

/**
 * op(a) op(b) by the untiled loops `matmulInto` used before its 4 x 4 tiles (copied from it), in
 * the same documented order, so the two agree bit for bit: i-k-j for plain layouts, p-i-j for
 * `transA` alone, a dot product per entry when `transB`.
 */
export const sequentialMatmul = (
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
): void => {
  if (transB) dots(a, b, out, m, k, n, transA ? 1 : k, transA ? m : 1);
  else if (transA) pij(a, b, out, m, k, n);
  else ikj(a, b, out, m, k, n);
};

const ikj = (
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  m: number,
  k: number,
  n: number,
) => {
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    const oi = i * n;
    const first = a[ai];
    for (let j = 0; j < n; j++) out[oi + j] = first * b[j];
    for (let p = 1; p < k; p++) {
      const aip = a[ai + p];
      const bp = p * n;
      for (let j = 0; j < n; j++) out[oi + j] += aip * b[bp + j];
    }
  }
};

const pij = (
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  m: number,
  k: number,
  n: number,
) => {
  for (let i = 0; i < m; i++) {
    const aip = a[i];
    const oi = i * n;
    for (let j = 0; j < n; j++) out[oi + j] = aip * b[j];
  }
  for (let p = 1; p < k; p++) {
    const ap = p * m;
    const bp = p * n;
    for (let i = 0; i < m; i++) {
      const aip = a[ap + i];
      const oi = i * n;
      for (let j = 0; j < n; j++) out[oi + j] += aip * b[bp + j];
    }
  }
};

// b stored [n, k]; a is [m, k], or [k, m] when the row stride ra is 1 and the column stride ca m.
const dots = (
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  m: number,
  k: number,
  n: number,
  ra: number,
  ca: number,
) => {
  for (let i = 0; i < m; i++) {
    const ai = i * ra;
    const oi = i * n;
    for (let j = 0; j < n; j++) {
      const bj = j * k;
      let acc = a[ai] * b[bj];
      for (let p = 1; p < k; p++) acc += a[ai + p * ca] * b[bj + p];
      out[oi + j] = acc;
    }
  }
};
