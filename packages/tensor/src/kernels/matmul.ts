/**
 * Matrix-product kernels over row-major storages.
 *
 * Every output entry is accumulated sequentially over the inner index p = 0..k-1, starting from
 * the p = 0 product (no zero fill, no pairwise sums), whatever the loop order; so the i-k-j
 * loop, the dot-product loop, the register-blocked tiles and the transposed variants agree bit
 * for bit in float64.
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

// Where op(A)[i, p] and op(B)[p, j] live: a[a0 + i * ai + p * ap] and b[b0 + p * bp + j * bj].
interface Layout {
  readonly a0: number;
  readonly ai: number;
  readonly ap: number;
  readonly b0: number;
  readonly bp: number;
  readonly bj: number;
}

// One entry out[i, j] as a sequential dot product: the edge rows and columns of the tiles.
const dotEntry = (
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  o: number,
  k: number,
  l: Layout,
  i: number,
  j: number,
): void => {
  let pa = l.a0 + i * l.ai;
  let pb = l.b0 + j * l.bj;
  let acc = a[pa] * b[pb];
  for (let p = 1; p < k; p++) {
    pa += l.ap;
    pb += l.bp;
    acc += a[pa] * b[pb];
  }
  out[o] = acc;
};

// A 4 x 4 tile of out at (i, j), its 16 sums held in locals while p runs in order. Each sum
// still starts from its p = 0 product and adds one product per p, as the dot loop does; the
// tile only saves the loads and stores the i-k-j loop spends per product (about 4x faster).
const tile4x4 = (
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  o: number,
  n: number,
  k: number,
  l: Layout,
  i: number,
  j: number,
): void => {
  const { ai, ap, bp, bj } = l;
  let pa = l.a0 + i * ai;
  let pb = l.b0 + j * bj;
  let x0 = a[pa];
  let x1 = a[pa + ai];
  let x2 = a[pa + 2 * ai];
  let x3 = a[pa + 3 * ai];
  let y = b[pb];
  let c00 = x0 * y,
    c10 = x1 * y,
    c20 = x2 * y,
    c30 = x3 * y;
  y = b[pb + bj];
  let c01 = x0 * y,
    c11 = x1 * y,
    c21 = x2 * y,
    c31 = x3 * y;
  y = b[pb + 2 * bj];
  let c02 = x0 * y,
    c12 = x1 * y,
    c22 = x2 * y,
    c32 = x3 * y;
  y = b[pb + 3 * bj];
  let c03 = x0 * y,
    c13 = x1 * y,
    c23 = x2 * y,
    c33 = x3 * y;
  for (let p = 1; p < k; p++) {
    pa += ap;
    pb += bp;
    x0 = a[pa];
    x1 = a[pa + ai];
    x2 = a[pa + 2 * ai];
    x3 = a[pa + 3 * ai];
    y = b[pb];
    c00 += x0 * y;
    c10 += x1 * y;
    c20 += x2 * y;
    c30 += x3 * y;
    y = b[pb + bj];
    c01 += x0 * y;
    c11 += x1 * y;
    c21 += x2 * y;
    c31 += x3 * y;
    y = b[pb + 2 * bj];
    c02 += x0 * y;
    c12 += x1 * y;
    c22 += x2 * y;
    c32 += x3 * y;
    y = b[pb + 3 * bj];
    c03 += x0 * y;
    c13 += x1 * y;
    c23 += x2 * y;
    c33 += x3 * y;
  }
  out[o] = c00;
  out[o + 1] = c01;
  out[o + 2] = c02;
  out[o + 3] = c03;
  o += n;
  out[o] = c10;
  out[o + 1] = c11;
  out[o + 2] = c12;
  out[o + 3] = c13;
  o += n;
  out[o] = c20;
  out[o + 1] = c21;
  out[o + 2] = c22;
  out[o + 3] = c23;
  o += n;
  out[o] = c30;
  out[o + 1] = c31;
  out[o + 2] = c32;
  out[o + 3] = c33;
};

// Any layout, float64 only: 4 x 4 tiles row block by row block (a block of op(A) rows stays in
// cache while op(B) streams), then the leftover rows and columns one entry at a time.
const matmulBlocked = (
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  m: number,
  k: number,
  n: number,
  o0: number,
  l: Layout,
): void => {
  const mb = m - (m % 4);
  const nb = n - (n % 4);
  for (let i = 0; i < mb; i += 4) {
    for (let j = 0; j < nb; j += 4) tile4x4(a, b, out, o0 + i * n + j, n, k, l, i, j);
  }
  for (let i = mb; i < m; i++) {
    for (let j = 0; j < nb; j++) dotEntry(a, b, out, o0 + i * n + j, k, l, i, j);
  }
  for (let i = 0; i < m; i++) {
    for (let j = nb; j < n; j++) dotEntry(a, b, out, o0 + i * n + j, k, l, i, j);
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
  } else if (
    k > 2 &&
    m >= 4 &&
    n >= 4 &&
    a instanceof Float64Array &&
    b instanceof Float64Array &&
    out instanceof Float64Array
  ) {
    // Float64 only: a float32 `out` rounds every partial sum of the i-k-j loop, not the tiles'.
    const layout: Layout = {
      a0: aOffset,
      ai: transA ? 1 : k,
      ap: transA ? m : 1,
      b0: bOffset,
      bp: transB ? 1 : n,
      bj: transB ? k : 1,
    };
    matmulBlocked(a, b, out, m, k, n, outOffset, layout);
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
