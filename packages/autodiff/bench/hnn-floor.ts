/**
 * The benchmark floor: one training step of the tutorial's Hamiltonian neural network with a
 * hand-derived gradient, in plain TypeScript over Float64Array, with no autodiff at all.
 *
 * The model is H(x) = w2 · relu(W1 x + b1) + b2 with W1: [64, 2] (row-major, like a PyTorch
 * `Linear` weight), b1: [64], w2: [64], b2: [1]. A row x = (q, p) is predicted as the symplectic
 * gradient [dH/dp, -dH/dq], where dH/dx = W1ᵀ (w2 ⊙ step(W1 x + b1)) and
 * step(z) = z > 0 ? 1 : 0
 * (relu' at 0 is 0, as in JAX and PyTorch). The loss is the mean of (pred - Y)² over all 2B
 * entries.
 *
 * Deriving the gradient: write s_ij = step(z_ij) and v_j = w2_j W1_j (a 2-vector), so the input
 * gradient of row i is g_i = Σ_j s_ij v_j. With residuals r_i = pred_i - Y_i, the loss's cotangent
 * on g_i is c_i = (-r_i1, r_i0) / B. Since relu'' = 0 almost everywhere, s_ij is locally constant:
 * W1 inside step() contributes nothing, and b1 and b2 get exactly zero gradient. Collecting
 * A_j = Σ_i s_ij c_i ([64, 2]) gives dW1_j = w2_j A_j and dw2_j = W1_j · A_j.
 *
 * This file stands alone (no workspace imports) so that nothing in the floor can be slowed down or
 * broken by the packages it is compared against.
 */

/** Width of the tutorial's hidden layer. */
export const HIDDEN = 64;

/** The network's parameters (or their gradients), each in its own Float64Array. */
export interface HnnParams {
  /** [64, 2], row-major: row j is hidden unit j's weights on (q, p). */
  readonly W1: Float64Array;
  /** [64] */
  readonly b1: Float64Array;
  /** [64]: the output layer's single row. */
  readonly w2: Float64Array;
  /** [1] */
  readonly b2: Float64Array;
}

/** A loss value with the gradient of that loss with respect to every parameter. */
export interface LossAndGrad {
  readonly loss: number;
  readonly grads: HnnParams;
}

/** Preallocated scratch for steps of at most `capacity` rows; see {@link makeHnnFloor}. */
export interface HnnFloor {
  readonly capacity: number;
  /** Overwritten by every `lossAndGrad` call. */
  readonly grads: HnnParams;
  /**
   * Loss and gradient of the first `B` rows of X and Y ([B, 2], B <= capacity): writes the
   * gradient into `grads`, returns the loss, allocates nothing.
   */
  lossAndGrad(params: HnnParams, X: Float64Array, Y: Float64Array, B: number): number;
}

/**
 * Zero-filled parameters (or gradient buffers) of the tutorial's shapes.
 *
 * @example
 * const params = zeroParams();
 * params.W1.length; // 128
 */
export const zeroParams = (): HnnParams => ({
  W1: new Float64Array(HIDDEN * 2),
  b1: new Float64Array(HIDDEN),
  w2: new Float64Array(HIDDEN),
  b2: new Float64Array(1),
});

const checkRows = (B: number, capacity: number, X: Float64Array, Y: Float64Array): void => {
  if (!Number.isInteger(B) || B < 1 || B > capacity) {
    throw new RangeError(`B: expected an integer in [1, ${capacity}], got ${B}`);
  }
  if (X.length < 2 * B || Y.length < 2 * B) {
    const got = `X.length ${X.length}, Y.length ${Y.length}`;
    throw new RangeError(`X, Y: expected at least ${2 * B} entries ([B, 2]), got ${got}`);
  }
};

// Rows are processed in blocks of four: the forward pass of a block loads each unit's weights
// once for four rows, and its backward pass folds four rows into each accumulator update. The
// scratch is padded to whole blocks; padded rows get a zero cotangent, so they add nothing.
// The two block loops write the unit count as the literal 64 (= HIDDEN): V8 does not fold an
// exported module constant, and a trip count it can see made these loops markedly faster.
const ROWS = 4;

// Scratch for one step, in columns (structure of arrays): V8 compiles loops over separate
// Float64Arrays much tighter than strided loops over interleaved [B, 2] rows.
interface Scratch {
  readonly q: Float64Array;
  readonly p: Float64Array;
  /** Columns of W1, and of v = w2 ⊙ W1 (the input gradient's term from each unit). */
  readonly wq: Float64Array;
  readonly wp: Float64Array;
  readonly vq: Float64Array;
  readonly vp: Float64Array;
  /** dH/dq and dH/dp of each row. */
  readonly g0: Float64Array;
  readonly g1: Float64Array;
  /** The loss's cotangent on (g0, g1); zero on padded rows. */
  readonly c0: Float64Array;
  readonly c1: Float64Array;
  /** step(z) of the current block's four rows, by unit, as 0 or 1. */
  readonly m0: Float64Array;
  readonly m1: Float64Array;
  readonly m2: Float64Array;
  readonly m3: Float64Array;
  /** A_j = Σ_i step(z_ij) c_i, by component. */
  readonly A0: Float64Array;
  readonly A1: Float64Array;
}

const makeScratch = (capacity: number): Scratch => {
  const padded = Math.ceil(capacity / ROWS) * ROWS;
  const rows = () => new Float64Array(padded);
  const units = () => new Float64Array(HIDDEN);
  return {
    q: rows(),
    p: rows(),
    wq: units(),
    wp: units(),
    vq: units(),
    vp: units(),
    g0: rows(),
    g1: rows(),
    c0: rows(),
    c1: rows(),
    m0: units(),
    m1: units(),
    m2: units(),
    m3: units(),
    A0: units(),
    A1: units(),
  };
};

const splitColumns = (params: HnnParams, X: Float64Array, B: number, s: Scratch): void => {
  const { W1, w2 } = params;
  const { q, p, wq, wp, vq, vp } = s;
  for (let i = 0; i < B; i++) {
    q[i] = X[2 * i];
    p[i] = X[2 * i + 1];
  }
  q.fill(0, B);
  p.fill(0, B);
  for (let j = 0; j < HIDDEN; j++) {
    wq[j] = W1[2 * j];
    wp[j] = W1[2 * j + 1];
    vq[j] = w2[j] * wq[j];
    vp[j] = w2[j] * wp[j];
  }
};

// The forward pass of rows i..i+3: g_i = Σ_j step(z_ij) v_j, the input gradient dH/dx. Eight
// independent accumulators keep the adder busy. `+(z > 0)` compiles to a compare-and-set, not a
// branch: on shuffled batches the sign pattern is random, and mispredicted branches cost more
// than the arithmetic.
const forwardBlock = (b1: Float64Array, i: number, s: Scratch): void => {
  const { q, p, wq, wp, vq, vp, g0, g1, m0, m1, m2, m3 } = s;
  const q0 = q[i];
  const q1 = q[i + 1];
  const q2 = q[i + 2];
  const q3 = q[i + 3];
  const p0 = p[i];
  const p1 = p[i + 1];
  const p2 = p[i + 2];
  const p3 = p[i + 3];
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  for (let j = 0; j < 64; j++) {
    const u = wq[j];
    const w = wp[j];
    const bj = b1[j];
    const x = vq[j];
    const y = vp[j];
    const s0 = +(u * q0 + w * p0 + bj > 0);
    const s1 = +(u * q1 + w * p1 + bj > 0);
    const s2 = +(u * q2 + w * p2 + bj > 0);
    const s3 = +(u * q3 + w * p3 + bj > 0);
    m0[j] = s0;
    m1[j] = s1;
    m2[j] = s2;
    m3[j] = s3;
    a0 += s0 * x;
    a1 += s1 * x;
    a2 += s2 * x;
    a3 += s3 * x;
    d0 += s0 * y;
    d1 += s1 * y;
    d2 += s2 * y;
    d3 += s3 * y;
  }
  g0[i] = a0;
  g0[i + 1] = a1;
  g0[i + 2] = a2;
  g0[i + 3] = a3;
  g1[i] = d0;
  g1[i + 1] = d1;
  g1[i + 2] = d2;
  g1[i + 3] = d3;
};

// Residuals of pred = (g1, -g0) against Y for rows i..i+3 (only the first `n` are real):
// writes the loss's cotangent on g into (c0, c1) and returns the sum of squared residuals.
const residualsBlock = (Y: Float64Array, i: number, n: number, B: number, s: Scratch): number => {
  const { g0, g1, c0, c1 } = s;
  const scale = 1 / B;
  let sum = 0;
  for (let k = i; k < i + ROWS; k++) {
    const real = k < i + n;
    const r0 = real ? g1[k] - Y[2 * k] : 0;
    const r1 = real ? -g0[k] - Y[2 * k + 1] : 0;
    sum += r0 * r0 + r1 * r1;
    c0[k] = -r1 * scale;
    c1[k] = r0 * scale;
  }
  return sum;
};

// The backward pass of rows i..i+3: A_j += Σ_r step(z_rj) c_r, four rows per update of A.
const backwardBlock = (i: number, s: Scratch): void => {
  const { c0, c1, m0, m1, m2, m3, A0, A1 } = s;
  const x0 = c0[i];
  const x1 = c0[i + 1];
  const x2 = c0[i + 2];
  const x3 = c0[i + 3];
  const y0 = c1[i];
  const y1 = c1[i + 1];
  const y2 = c1[i + 2];
  const y3 = c1[i + 3];
  for (let j = 0; j < 64; j++) {
    const s0 = m0[j];
    const s1 = m1[j];
    const s2 = m2[j];
    const s3 = m3[j];
    A0[j] += s0 * x0 + s1 * x1 + s2 * x2 + s3 * x3;
    A1[j] += s0 * y0 + s1 * y1 + s2 * y2 + s3 * y3;
  }
};

// dW1_j = w2_j A_j, dw2_j = W1_j · A_j; the biases only enter through step(), so theirs is 0.
const assembleGrads = (params: HnnParams, s: Scratch, grads: HnnParams): void => {
  const { W1, w2 } = params;
  const { A0, A1 } = s;
  const { W1: dW1, w2: dw2 } = grads;
  for (let j = 0; j < HIDDEN; j++) {
    dW1[2 * j] = w2[j] * A0[j];
    dW1[2 * j + 1] = w2[j] * A1[j];
    dw2[j] = W1[2 * j] * A0[j] + W1[2 * j + 1] * A1[j];
  }
  grads.b1.fill(0);
  grads.b2[0] = 0;
};

// One pass over the batch, block by block; with `grads`, the backward pass runs too.
const run = (
  params: HnnParams,
  X: Float64Array,
  Y: Float64Array,
  B: number,
  s: Scratch,
  grads: HnnParams | undefined,
): number => {
  splitColumns(params, X, B, s);
  s.A0.fill(0);
  s.A1.fill(0);
  let sum = 0;
  for (let i = 0; i < B; i += ROWS) {
    forwardBlock(params.b1, i, s);
    sum += residualsBlock(Y, i, Math.min(ROWS, B - i), B, s);
    if (grads !== undefined) backwardBlock(i, s);
  }
  if (grads !== undefined) assembleGrads(params, s, grads);
  return sum / (2 * B);
};

/**
 * The loss alone (the forward pass), e.g. the tutorial's full-data loss after training.
 *
 * @example
 * const { X, Y, n } = springData();
 * hnnLoss(params, X, Y, n);
 */
export const hnnLoss = (params: HnnParams, X: Float64Array, Y: Float64Array, B: number): number => {
  checkRows(B, Number.MAX_SAFE_INTEGER, X, Y);
  return run(params, X, Y, B, makeScratch(B), undefined);
};

/**
 * Allocates the scratch for steps of up to `capacity` rows once, and returns a step that reuses
 * it: the hot path of the benchmark floor.
 *
 * Pitfall: `floor.grads` is overwritten by each call; copy it if you need to keep it.
 *
 * @example
 * const floor = makeHnnFloor(256);
 * const loss = floor.lossAndGrad(params, X, Y, 256); // gradient now in floor.grads
 */
export const makeHnnFloor = (capacity: number): HnnFloor => {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`capacity: expected a positive integer, got ${capacity}`);
  }
  const grads = zeroParams();
  const s = makeScratch(capacity);
  const lossAndGrad = (params: HnnParams, X: Float64Array, Y: Float64Array, B: number) => {
    checkRows(B, capacity, X, Y);
    return run(params, X, Y, B, s, grads);
  };
  return { capacity, grads, lossAndGrad };
};

/**
 * Loss and gradient of one batch, in freshly allocated buffers: the convenient form for tests
 * and for checking an autodiff gradient against this one.
 *
 * Pitfall: it allocates scratch on every call; loops should use {@link makeHnnFloor}.
 *
 * @example
 * const { loss, grads } = hnnLossAndGrad(params, X, Y, 256);
 */
export const hnnLossAndGrad = (
  params: HnnParams,
  X: Float64Array,
  Y: Float64Array,
  B: number,
): LossAndGrad => {
  const floor = makeHnnFloor(B);
  const loss = floor.lossAndGrad(params, X, Y, B);
  return { loss, grads: floor.grads };
};

/** First and second moments of Adam, one buffer per parameter, plus the step count. */
export interface AdamState {
  readonly m: HnnParams;
  readonly v: HnnParams;
  t: number;
}

/** Flux's `Adam` defaults, which the tutorial uses through `ADAM(0.01)`. */
export const ADAM_DEFAULTS = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8 } as const;

/**
 * Fresh Adam state (zero moments, step 0) for the tutorial's parameter shapes.
 *
 * @example
 * const state = makeAdamState();
 */
export const makeAdamState = (): AdamState => ({ m: zeroParams(), v: zeroParams(), t: 0 });

const adamArray = (
  x: Float64Array,
  g: Float64Array,
  m: Float64Array,
  v: Float64Array,
  stepSize: number,
  sqrtBc2: number,
  opts: typeof ADAM_DEFAULTS,
): void => {
  const { beta1, beta2, eps } = opts;
  for (let k = 0; k < x.length; k++) {
    const gk = g[k];
    const mk = beta1 * m[k] + (1 - beta1) * gk;
    const vk = beta2 * v[k] + (1 - beta2) * gk * gk;
    m[k] = mk;
    v[k] = vk;
    x[k] -= (stepSize * mk) / (Math.sqrt(vk) / sqrtBc2 + eps);
  }
};

/**
 * One Adam step in place, with Flux's (and PyTorch's) placement of epsilon: added to the square
 * root of the bias-corrected second moment, x -= lr · m̂ / (√v̂ + eps).
 *
 * Pitfall: `state.t` counts steps from 1 for the bias correction; share one state per parameter
 * set and never reuse it for another.
 *
 * @example
 * const state = makeAdamState();
 * floor.lossAndGrad(params, X, Y, 256);
 * adamUpdate(params, floor.grads, state);
 */
export const adamUpdate = (
  params: HnnParams,
  grads: HnnParams,
  state: AdamState,
  opts: typeof ADAM_DEFAULTS = ADAM_DEFAULTS,
): void => {
  state.t += 1;
  const stepSize = opts.lr / (1 - opts.beta1 ** state.t);
  const sqrtBc2 = Math.sqrt(1 - opts.beta2 ** state.t);
  const { m, v } = state;
  adamArray(params.W1, grads.W1, m.W1, v.W1, stepSize, sqrtBc2, opts);
  adamArray(params.b1, grads.b1, m.b1, v.b1, stepSize, sqrtBc2, opts);
  adamArray(params.w2, grads.w2, m.w2, v.w2, stepSize, sqrtBc2, opts);
  adamArray(params.b2, grads.b2, m.b2, v.b2, stepSize, sqrtBc2, opts);
};

/** The tutorial's data: rows (q, p) and targets (dq/dt, dp/dt), both [n, 2] row-major. */
export interface SpringData {
  readonly n: number;
  readonly t: Float64Array;
  readonly X: Float64Array;
  readonly Y: Float64Array;
}

/**
 * The tutorial's spring-mass data in float64: t = linspace(0, 1, n) inclusive, q = sin 2πt,
 * p = cos 2πt, targets (2πp, -2πq).
 *
 * @example
 * const { X, Y } = springData(); // 1024 rows
 */
export const springData = (n = 1024): SpringData => {
  const t = new Float64Array(n);
  const X = new Float64Array(2 * n);
  const Y = new Float64Array(2 * n);
  const w = 2 * Math.PI;
  for (let i = 0; i < n; i++) {
    t[i] = n === 1 ? 0 : i / (n - 1);
    const q = Math.sin(w * t[i]);
    const p = Math.cos(w * t[i]);
    X[2 * i] = q;
    X[2 * i + 1] = p;
    Y[2 * i] = w * p;
    Y[2 * i + 1] = -w * q;
  }
  return { n, t, X, Y };
};

/** A source of uniform numbers in [0, 1). */
export type Uniform = () => number;

/**
 * A small seeded generator: xoshiro128** (Blackman and Vigna, 2018) with its state filled by
 * splitmix32, returning doubles in [0, 1) with 53 random bits. Deterministic across platforms.
 *
 * @example
 * const u = makeUniform(42);
 * u(); // same value on every run
 */
export const makeUniform = (seed: number): Uniform => {
  let x = seed >>> 0;
  const splitmix32 = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const s = new Uint32Array([splitmix32(), splitmix32(), splitmix32(), splitmix32()]);
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
};

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/**
 * Glorot (Xavier) uniform weights, as Flux's `Dense` default: U(±√(6 / (fanIn + fanOut))), with
 * zero biases. Draws W1 row by row, then w2.
 *
 * @example
 * const params = glorotParams(makeUniform(0));
 */
export const glorotParams = (uniform: Uniform): HnnParams => {
  const params = zeroParams();
  const fill = (w: Float64Array, fanIn: number, fanOut: number) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    for (let k = 0; k < w.length; k++) w[k] = (2 * uniform() - 1) * limit;
  };
  fill(params.W1, 2, HIDDEN);
  fill(params.w2, HIDDEN, 1);
  return params;
};

/**
 * A Fisher-Yates shuffle of `perm` in place.
 *
 * @example
 * shuffleInPlace(Int32Array.from({ length: 8 }, (_, i) => i), makeUniform(1));
 */
export const shuffleInPlace = (perm: Int32Array, uniform: Uniform): void => {
  for (let i = perm.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    const tmp = perm[i];
    perm[i] = perm[j];
    perm[j] = tmp;
  }
};

/** Options of {@link trainFloor}. */
export interface TrainFloorOptions {
  readonly epochs?: number;
  readonly batchsize?: number;
  /** Seeds {@link makeUniform} when `uniform` is not given. */
  readonly seed?: number;
  /** The source for the initial weights and the shuffles. */
  readonly uniform?: Uniform;
}

/** What {@link trainFloor} measured. */
export interface TrainFloorResult {
  readonly finalLoss: number;
  /** Wall time of the optimisation steps only (shuffles and gathers included, set-up not). */
  readonly seconds: number;
  readonly steps: number;
  readonly params: HnnParams;
}

/**
 * The tutorial's whole training with the floor step: Glorot init, Adam(0.01), batches of
 * `batchsize` from a fresh permutation each epoch (a final partial batch is kept, as Flux does),
 * 500 epochs by default, i.e. 2000 steps on the 1024 points.
 *
 * @example
 * const { finalLoss, seconds } = trainFloor({ seed: 1 }); // finalLoss near 0.009
 */
export const trainFloor = (options: TrainFloorOptions = {}): TrainFloorResult => {
  const { epochs = 500, batchsize = 256, seed = 0 } = options;
  const uniform = options.uniform ?? makeUniform(seed);
  const data = springData();
  const { n } = data;
  const B = Math.min(batchsize, n);
  const params = glorotParams(uniform);
  const state = makeAdamState();
  const floor = makeHnnFloor(B);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  const Xb = new Float64Array(2 * B);
  const Yb = new Float64Array(2 * B);
  let steps = 0;

  const start = performance.now();
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(perm, uniform);
    for (let lo = 0; lo < n; lo += B) {
      const rows = Math.min(B, n - lo);
      gather(data, perm, lo, rows, Xb, Yb);
      floor.lossAndGrad(params, Xb, Yb, rows);
      adamUpdate(params, floor.grads, state);
      steps++;
    }
  }
  const seconds = (performance.now() - start) / 1000;

  const finalLoss = hnnLoss(params, data.X, data.Y, n);
  return { finalLoss, seconds, steps, params };
};

const gather = (
  data: SpringData,
  perm: Int32Array,
  lo: number,
  rows: number,
  Xb: Float64Array,
  Yb: Float64Array,
): void => {
  for (let r = 0; r < rows; r++) {
    const k = perm[lo + r];
    Xb[2 * r] = data.X[2 * k];
    Xb[2 * r + 1] = data.X[2 * k + 1];
    Yb[2 * r] = data.Y[2 * k];
    Yb[2 * r + 1] = data.Y[2 * k + 1];
  }
};
