/**
 * The user-facing transforms: `jvp`, `vjp`, `grad`, `valueAndGrad`, the Jacobians, `hessian`
 * and `hvp`. Each takes a function and returns a function (or its results), accepts pytrees of
 * tensors and numbers, and composes with every other transform to any depth.
 */
import {
  ShapeError,
  formatShape,
  scalar,
  shapesEqual,
  zeros,
  ones,
  type Tensor,
} from '@hamiltonian/tensor';
import { TransformError, TreeError } from '../core/errors.js';
import { flatten, sameTreeDef, unflatten, type Leaf, type TreeDef } from '../core/tree.js';
import { isTracer, isValue, type Value } from '../core/value.js';
import { castPrim, reshape, stack } from '../ops.js';
import { JvpTrace, JvpTracer, unpackJvp } from './jvp.js';
import { VjpTrace, VjpTracer, backward, type TapeNode } from './vjp.js';

const toValue = (x: Leaf): Value => (typeof x === 'number' ? scalar(x) : x);

/** Zeros shaped like a value, as a tensor (a number for a number leaf). */
const zeroFor = (x: Leaf): Leaf => (typeof x === 'number' ? 0 : zeros(x.shape, { dtype: x.dtype }));

/**
 * A gradient has its argument's kind: a number for a number (when concrete), and the argument's
 * dtype for a tensor (float64 constants would otherwise promote a float32 parameter's gradient).
 */
const matchLeafKind = (original: Leaf, g: Value): Leaf => {
  if (typeof original === 'number') return isTracer(g) ? g : ((g as Tensor).data[0] as number);
  return g.dtype === original.dtype ? g : castPrim(g, original.dtype);
};

const checkSameShapes = (what: string, expected: readonly Leaf[], got: readonly Leaf[]): void => {
  expected.forEach((e, i) => {
    const g = got[i] as Leaf;
    const es = typeof e === 'number' ? [] : e.shape;
    const gs = typeof g === 'number' ? [] : g.shape;
    if (!shapesEqual(es, gs)) {
      throw new ShapeError(
        what,
        [gs, es],
        `leaf ${i} has shape ${formatShape(gs)}, expected ${formatShape(es)}`,
      );
    }
  });
};

const checkSameTree = (what: string, a: TreeDef, b: TreeDef, reference: string): void => {
  if (!sameTreeDef(a, b)) throw new TreeError(`${what}: structure differs from the ${reference}`);
};

/**
 * Forward mode: evaluates `f` at `primals` and its directional derivative along `tangents`.
 * `primals` and `tangents` are argument lists of the same structure and shapes.
 *
 * @example
 * const [y, dy] = jvp((x) => sin(x), [x], [onesLike(x)]); // dy = cos(x)
 */
export const jvp = <A extends readonly unknown[], R>(
  f: (...args: A) => R,
  primals: A,
  tangents: A,
): [R, R] => {
  const [pLeaves, pDef] = flatten(primals, 'primals');
  const [tLeaves, tDef] = flatten(tangents, 'tangents');
  checkSameTree('jvp: tangents', pDef, tDef, "primals'");
  checkSameShapes('jvp', pLeaves, tLeaves);
  const trace = new JvpTrace();
  try {
    const inputs = pLeaves.map(
      (p, i) => new JvpTracer(trace, toValue(p), toValue(tLeaves[i] as Leaf)),
    );
    const out = f(...(unflatten(pDef, inputs) as unknown as A));
    const [oLeaves, oDef] = flatten(out, 'output');
    const ys: Leaf[] = [];
    const ts: Leaf[] = [];
    for (const o of oLeaves) {
      if (typeof o === 'number') {
        ys.push(o);
        ts.push(0);
        continue;
      }
      const [y, t] = unpackJvp(trace, o);
      ys.push(y);
      ts.push(t ?? zeroFor(y));
    }
    return [unflatten(oDef, ys) as R, unflatten(oDef, ts) as R];
  } finally {
    trace.close();
  }
};

/** The pullback of `vjp`: maps an output cotangent to cotangents of every argument. */
export type Pullback<A, R> = (cotangent: R) => A;

/**
 * Reverse mode: evaluates `f(...primals)` and returns the output with a `pullback` that maps a
 * cotangent of the output (same structure and shapes) to cotangents of all arguments.
 * The pullback may be called any number of times.
 *
 * @example
 * const [y, pullback] = vjp((W, x) => matmul(W, x), W, x);
 * const [gW, gx] = pullback(onesLike(y));
 */
export const vjp = <A extends readonly unknown[], R>(
  f: (...args: A) => R,
  ...primals: A
): [R, Pullback<A, R>] => {
  const [leaves, def] = flatten(primals, 'primals');
  const trace = new VjpTrace();
  const inputs = leaves.map((l) => trace.leaf(toValue(l)));
  let out: R;
  try {
    out = f(...(unflatten(def, inputs) as unknown as A));
  } finally {
    trace.close();
  }
  const [oLeaves, oDef] = flatten(out, 'output');
  const nodes: (TapeNode | null)[] = [];
  const ys = oLeaves.map((o) => {
    const mine = o instanceof VjpTracer && o.trace === trace;
    nodes.push(mine ? o.node : null);
    return mine ? o.primalValue : o;
  });
  const pullback = (cotangent: R): A => {
    const [cLeaves, cDef] = flatten(cotangent, 'cotangent');
    checkSameTree('vjp: cotangent', oDef, cDef, "function's output");
    checkSameShapes('vjp: cotangent', ys, cLeaves);
    const seeds: [TapeNode, Value][] = [];
    nodes.forEach((n, i) => {
      if (n !== null) seeds.push([n, toValue(cLeaves[i] as Leaf)]);
    });
    const cts = backward(
      seeds,
      inputs.map((x) => x.node),
    );
    const grads = cts.map((c, i) => {
      const original = leaves[i] as Leaf;
      return c === null ? zeroFor(original) : matchLeafKind(original, c);
    });
    return unflatten(def, grads) as unknown as A;
  };
  return [unflatten(oDef, ys) as R, pullback];
};

/** Options of `grad` and `valueAndGrad`. */
export interface GradOptions<N extends number | readonly number[]> {
  /** Which argument(s) to differentiate: an index (default 0) or a list of indices. */
  readonly argnums?: N;
}

// N is inferred from `options` only (NoInfer at the uses): inferring it from the context of the
// result, as in grad(grad(f)), would widen it to `number | number[]` and the result with it.
type GradResult<A extends readonly unknown[], N> = N extends number
  ? A[N]
  : { [K in keyof N]: N[K] extends number ? A[N[K]] : never };

const selectArgnums = (argnums: number | readonly number[], count: number): number[] => {
  const nums = typeof argnums === 'number' ? [argnums] : [...argnums];
  for (const n of nums) {
    if (!Number.isInteger(n) || n < 0 || n >= count) {
      throw new TransformError(
        `grad: argnums ${n} out of range for a call with ${count} arguments`,
      );
    }
  }
  return nums;
};

const describeOutput = (x: unknown): string =>
  Array.isArray(x) ? `an array of ${x.length}` : x === null ? 'null' : `a ${typeof x}`;

/**
 * Like `grad`, but returns `[value, gradient]` from one forward pass.
 *
 * @example
 * const [loss, g] = valueAndGrad(lossFn)(params, x, y);
 */
export const valueAndGrad = <A extends unknown[], N extends number | readonly number[] = 0>(
  f: (...args: A) => Value | number,
  options: GradOptions<N> = {},
): ((...args: A) => [Value | number, GradResult<A, NoInfer<N>>]) => {
  const argnums = options.argnums ?? 0;
  return (...args: A) => {
    const nums = selectArgnums(argnums, args.length);
    // Validate the differentiated arguments here, so a bad leaf's path names its argument.
    for (const n of nums) flatten(args[n], `args[${n}]`);
    const partial = (...diff: unknown[]): Value | number => {
      const full = args.slice() as unknown[];
      nums.forEach((n, i) => (full[n] = diff[i]));
      return f(...(full as A));
    };
    const [out, pullback] = vjp(partial, ...nums.map((n) => args[n]));
    if (typeof out !== 'number' && !isValue(out)) {
      throw new TransformError(
        `grad: the function returned ${describeOutput(out)}; grad needs a scalar output ` +
          '(a number or a one-element tensor). Use vjp for a structured output',
      );
    }
    const size = typeof out === 'number' ? 1 : out.shape.reduce((a, b) => a * b, 1);
    if (size !== 1) {
      const shape = typeof out === 'number' ? [] : out.shape;
      throw new TransformError(
        `grad: the function returned shape ${formatShape(shape)}; grad needs a scalar output. ` +
          'Use vjp for a vector-Jacobian product or jacobian for the full matrix',
      );
    }
    const seed = typeof out === 'number' ? 1 : ones(out.shape, { dtype: out.dtype });
    const grads = pullback(seed) as unknown[];
    const result = typeof argnums === 'number' ? grads[0] : grads;
    return [out, result as GradResult<A, N>];
  };
};

/**
 * The gradient of a scalar-valued function with respect to argument `argnums` (default 0),
 * with the same structure as that argument. Nests to any depth.
 *
 * Pitfall: the output must have exactly one element; use `vjp` or `jacobian` otherwise.
 *
 * @example
 * const d3 = grad(grad(grad((x: ValueLike) => sin(x)))); // -cos; ValueLike admits numbers
 * d3(0.5); // -0.8775825618903728
 */
export const grad = <A extends unknown[], N extends number | readonly number[] = 0>(
  f: (...args: A) => Value | number,
  options: GradOptions<N> = {},
): ((...args: A) => GradResult<A, NoInfer<N>>) => {
  const vg = valueAndGrad(f, options);
  return (...args: A) => vg(...args)[1];
};

const asSingleValue = (what: string, x: unknown): Value => {
  if (typeof x === 'number') return scalar(x);
  if (x !== null && typeof x === 'object' && 'shape' in x) return x as Value;
  throw new TransformError(
    `${what}: supports one tensor argument and a tensor result; ` +
      'flatten pytrees with destructure first',
  );
};

/** One-hot basis tensors of a shape, one per element. */
const basis = (x: Value): Tensor[] => {
  const n = x.shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, (_, i) => {
    const e = zeros(x.shape, { dtype: x.dtype });
    (e.data as Float64Array)[i] = 1;
    return e;
  });
};

/**
 * The Jacobian by reverse mode (one pullback per output element): of shape
 * `[...output.shape, ...input.shape]`. Prefer it when outputs are fewer than inputs.
 *
 * @example
 * jacrev((x: Value) => mul(x, x))(x); // diag(2x)
 */
export const jacrev =
  (f: (x: Value) => Value | number) =>
  (x: Value | number): Value => {
    const input = asSingleValue('jacrev', x);
    const [y, pullback] = vjp((v: Value) => asSingleValue('jacrev', f(v)), input);
    const rows = basis(y).map((e) => pullback(e)[0] as Value);
    return reshape(stack(rows), [...y.shape, ...input.shape]);
  };

/**
 * The Jacobian by forward mode (one `jvp` per input element): of shape
 * `[...output.shape, ...input.shape]`. Prefer it when inputs are fewer than outputs.
 */
export const jacfwd =
  (f: (x: Value) => Value | number) =>
  (x: Value | number): Value => {
    const input = asSingleValue('jacfwd', x);
    const g = (v: Value): Value => asSingleValue('jacfwd', f(v));
    const columns = basis(input).map((e) => jvp(g, [input], [e])[1]);
    const y = columns.length > 0 ? (columns[0] as Value) : g(input);
    const stacked = stack(columns, y.shape.length);
    return reshape(stacked, [...y.shape, ...input.shape]);
  };

/** The Jacobian; `mode` picks reverse (default) or forward accumulation. */
export const jacobian = (
  f: (x: Value) => Value | number,
  { mode = 'reverse' }: { mode?: 'forward' | 'reverse' } = {},
): ((x: Value | number) => Value) => (mode === 'forward' ? jacfwd(f) : jacrev(f));

/**
 * The Hessian of a scalar function, forward-over-reverse: `jacfwd(grad(f))`.
 *
 * @example
 * hessian((x: Value) => sum(mul(x, matmul(A, x))))(x); // A + Aᵀ
 */
export const hessian = (f: (x: Value) => Value | number): ((x: Value | number) => Value) =>
  jacfwd((x: Value) => grad(f)(x) as Value);

/**
 * Hessian-vector product `H(x) v` without forming H (forward-over-reverse).
 *
 * @example
 * hvp(f)(x, v);
 */
export const hvp =
  (f: (x: Value) => Value | number) =>
  (x: Value, v: Value): Value =>
    jvp((y: Value) => grad(f)(y) as Value, [x], [v])[1];
