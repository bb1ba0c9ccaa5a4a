/**
 * Matrix-product kernels over row-major storages.
 *
 * Every output entry is accumulated sequentially over the inner index p = 0..k-1, starting from
 * the p = 0 product (no zero fill, no pairwise sums), whatever the loop order; so the i-k-j
 * loop, the dot-product loop and the transposed variants agree bit for bit in float64.
 */
import type { Storage } from '../dtype.js';
import type { Shape } from '../shape.js';
import { broadcastStrides } from './broadcast.js';

// out[i, :] = sum_p a[i, p] b[p, :]: streams rows of b, the cache-friendly order for row-major.
const matmulIKJ = (
  a: Storage,
  b: Storage,
  out: Storage,
  m: number,
  k: number,
  n: number,
  a0: number,
  b0: number,
  o0: number,
): void => {
  for (let i = 0; i < m; i++) {
    const ai = a0 + i * k;
    const oi = o0 + i * n;
    const first = a[ai];
    for (let j = 0; j < n; j++) out[oi + j] = first * b[b0 + j];
    for (let p = 1; p < k; p++) {
      const aip = a[ai + p];
      const bp = b0 + p * n;
      for (let j = 0; j < n; j++) out[oi + j] += aip * b[bp + j];
    }
  }
};

// out[i, j] = sum_p a[i*ra + p*ca] b[j*rb + p*cb]: a dot product per entry, used when the inner
// index is contiguous in both operands (matrix-vector, or b transposed).
const matmulDots = (
  a: Storage,
  b: Storage,
  out: Storage,
  m: number,
  k: number,
  n: number,
  a0: number,
  b0: number,
  o0: number,
  ra: number,
  ca: number,
  rb: number,
  cb: number,
): void => {
  for (let i = 0; i < m; i++) {
    const ai = a0 + i * ra;
    const oi = o0 + i * n;
    for (let j = 0; j < n; j++) {
      const bj = b0 + j * rb;
      let acc = a[ai] * b[bj];
      for (let p = 1; p < k; p++) acc += a[ai + p * ca] * b[bj + p * cb];
      out[oi + j] = acc;
    }
  }
};

// a stored transposed ([k, m]): p outermost keeps both a and b reads contiguous.
const matmulTransA = (
  a: Storage,
  b: Storage,
  out: Storage,
  m: number,
  k: number,
  n: number,
  a0: number,
  b0: number,
  o0: number,
): void => {
  for (let i = 0; i < m; i++) {
    const aip = a[a0 + i];
    const oi = o0 + i * n;
    for (let j = 0; j < n; j++) out[oi + j] = aip * b[b0 + j];
  }
  for (let p = 1; p < k; p++) {
    const ap = a0 + p * m;
    const bp = b0 + p * n;
    for (let i = 0; i < m; i++) {
      const aip = a[ap + i];
      const oi = o0 + i * n;
      for (let j = 0; j < n; j++) out[oi + j] += aip * b[bp + j];
    }
  }
};

/**
 * Writes the [m, n] product op(A) op(B) into `out`, where A is [m, k] (stored [k, m] when
 * `transA`) and B is [k, n] (stored [n, k] when `transB`). Offsets select a matrix inside a
 * larger storage. `out` must not alias an operand.
 *
 * @example
 * matmulInto(x, w, out, 256, 64, 64); // out = x @ w
 * matmulInto(g, w, gx, 256, 64, 64, false, true); // gx = g @ w^T
 */
export const matmulInto = (
  a: Storage,
  b: Storage,
  out: Storage,
  m: number,
  k: number,
  n: number,
  transA = false,
  transB = false,
  aOffset = 0,
  bOffset = 0,
  outOffset = 0,
): void => {
  if (k === 0) {
    out.fill(0, outOffset, outOffset + m * n);
  } else if (!transA && !transB) {
    if (n === 1) matmulDots(a, b, out, m, k, n, aOffset, bOffset, outOffset, k, 1, 0, 1);
    else matmulIKJ(a, b, out, m, k, n, aOffset, bOffset, outOffset);
  } else if (!transA) {
    matmulDots(a, b, out, m, k, n, aOffset, bOffset, outOffset, k, 1, k, 1);
  } else if (!transB) {
    matmulTransA(a, b, out, m, k, n, aOffset, bOffset, outOffset);
  } else {
    matmulDots(a, b, out, m, k, n, aOffset, bOffset, outOffset, 1, m, k, 1);
  }
};

/**
 * Batched `matmulInto`: `a` holds matrices over `aBatch`, `b` over `bBatch`, and `out` over
 * `outBatch`, to which both batch shapes broadcast (NumPy `matmul` rules).
 *
 * @example
 * batchMatmulInto(a, [8], b, [1], out, [8], 3, 4, 5); // one b for all 8 matrices of a
 */
export const batchMatmulInto = (
  a: Storage,
  aBatch: Shape,
  b: Storage,
  bBatch: Shape,
  out: Storage,
  outBatch: Shape,
  m: number,
  k: number,
  n: number,
  transA = false,
  transB = false,
): void => {
  const r = outBatch.length;
  let batches = 1;
  for (let d = 0; d < r; d++) batches *= outBatch[d];
  const as = broadcastStrides(aBatch, outBatch);
  const bs = broadcastStrides(bBatch, outBatch);
  const idx = new Int32Array(r);
  let ia = 0;
  let ib = 0;
  for (let t = 0; t < batches; t++) {
    matmulInto(a, b, out, m, k, n, transA, transB, ia * m * k, ib * k * n, t * m * n);
    for (let d = r - 1; d >= 0; d--) {
      idx[d]++;
      ia += as[d];
      ib += bs[d];
      if (idx[d] < outBatch[d]) break;
      ia -= as[d] * outBatch[d];
      ib -= bs[d] * outBatch[d];
      idx[d] = 0;
    }
  }
};
