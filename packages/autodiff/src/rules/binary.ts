/**
 * Elementwise binary primitives with NumPy broadcasting, comparisons and `where`.
 *
 * Broadcasting happens inside the kernels (no broadcast copies in the forward pass); the
 * cotangent of a broadcast operand is summed back to its shape by `unbroadcast`.
 * At ties, `maximum` and `minimum` split the derivative equally between the operands (JAX's
 * convention).
 */
import type { Shape } from '@hamiltonian/tensor';
import { broadcastShapes, resultDType } from '@hamiltonian/tensor';
import type { BinaryName } from '@hamiltonian/tensor/kernels';
import { binaryKernels, whereInto } from '@hamiltonian/tensor/kernels';
import type { Maybe, Primitive } from '../core/primitive.js';
import type { Aval, Value } from '../core/value.js';
import { add, div, eq, floor, gt, log, lt, mul, neg, pow, square, sub, where } from '../ops.js';
import { addMaybe, broadcastTangent, unbroadcast } from './zeros.js';

/** A partial derivative as a factor: a value, exactly 1, or null for zero. */
type Factor = Value | 1 | null;

/**
 * The partial derivatives as factors; `want[i]` false means the caller does not need operand
 * i's, so the rule may return null there without computing it.
 */
type Partials = (
  a: Value,
  b: Value,
  y: Value,
  want: readonly [boolean, boolean],
) => [Factor, Factor];

const binaryAval = (name: string, [a, b]: readonly Aval[]): Aval => ({
  shape: broadcastShapes(name, (a as Aval).shape, (b as Aval).shape),
  dtype: resultDType((a as Aval).dtype, (b as Aval).dtype),
});

const binaryLower =
  (name: BinaryName) =>
  ([a, b]: readonly Aval[], _params: unknown, out: Aval) => {
    const kernel = binaryKernels[name];
    const aShape = (a as Aval).shape;
    const bShape = (b as Aval).shape;
    const outShape = out.shape;
    return ([x, y]: readonly Float64Array[], o: Float64Array) =>
      kernel(x as Float64Array, aShape, y as Float64Array, bShape, o, outShape);
  };

const scale = (t: Maybe, factor: Factor): Maybe =>
  t === null || factor === null ? null : factor === 1 ? t : mul(t, factor);

/** A smooth binary primitive given its partial derivatives as factors. */
const smooth = (name: BinaryName, partials: Partials): Primitive => ({
  name,
  aval: (inputs) => binaryAval(name, inputs),
  lower: binaryLower(name) as Primitive['lower'],
  jvp: ([a, b], [ta, tb], y) => {
    const want = [(ta ?? null) !== null, (tb ?? null) !== null] as const;
    const [da, db] = partials(a as Value, b as Value, y, want);
    const t = addMaybe(scale(ta ?? null, da), scale(tb ?? null, db));
    return t === null ? null : broadcastTangent(t, y.shape);
  },
  vjp: (g, [a, b], y, _params, wanted) => {
    const want = [wanted[0] === true, wanted[1] === true] as const;
    const [da, db] = partials(a as Value, b as Value, y, want);
    const ga = wanted[0] ? scale(g, da) : null;
    const gb = wanted[1] ? scale(g, db) : null;
    return [
      ga === null ? null : unbroadcast(ga, (a as Value).shape),
      gb === null ? null : unbroadcast(gb, (b as Value).shape),
    ];
  },
});

/** A primitive linear in each operand with coefficients ±1 (add, sub): no multiplications. */
const signed = (name: BinaryName, sb: 1 | -1): Primitive => ({
  name,
  aval: (inputs) => binaryAval(name, inputs),
  lower: binaryLower(name) as Primitive['lower'],
  jvp: (_primals, [ta, tb], y) => {
    const tbs = tb === null || tb === undefined ? null : sb === 1 ? tb : neg(tb);
    const t = addMaybe(ta ?? null, tbs);
    return t === null ? null : broadcastTangent(t, y.shape);
  },
  vjp: (g, [a, b], _y, _params, wanted) => [
    wanted[0] ? unbroadcast(g, (a as Value).shape) : null,
    wanted[1] ? unbroadcast(sb === 1 ? g : neg(g), (b as Value).shape) : null,
  ],
});

/** The share of a tie-aware max/min derivative that goes to the first operand. */
const firstShare = (wins: Value, ties: Value): Value => add(wins, mul(ties, 0.5));

const smoothRules: Partial<Record<BinaryName, Partials>> = {
  mul: (a, b) => [b, a],
  div: (_a, b, y, [wa, wb]) => [wa ? div(1, b) : null, wb ? neg(div(y, b)) : null],
  // d(a^b)/db = a^b log a, taken as 0 where a = 0 (the limit used by JAX).
  pow: (a, b, y, [wa, wb]) => [
    wa ? mul(b, pow(a, sub(b, 1))) : null,
    wb ? mul(y, log(where(eq(a, 0), 1, a))) : null,
  ],
  maximum: (a, b) => {
    const s = firstShare(gt(a, b), eq(a, b));
    return [s, sub(1, s)];
  },
  minimum: (a, b) => {
    const s = firstShare(lt(a, b), eq(a, b));
    return [s, sub(1, s)];
  },
  atan2: (a, b, _y, [wa, wb]) => {
    const r2 = add(square(a), square(b));
    return [wa ? div(b, r2) : null, wb ? neg(div(a, r2)) : null];
  },
  mod: (a, b, _y, [, wb]) => [1, wb ? neg(floor(div(a, b))) : null],
};

const comparison = (name: BinaryName): Primitive => ({
  name,
  nonDifferentiable: true,
  aval: (inputs) => binaryAval(name, inputs),
  lower: binaryLower(name) as Primitive['lower'],
  jvp: () => null,
  vjp: () => [null, null],
});

const comparisonNames: readonly BinaryName[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];

/** One primitive per binary op of the tensor package. */
export const binaryPrimitives = {
  add: signed('add', 1),
  sub: signed('sub', -1),
  ...Object.fromEntries(
    Object.entries(smoothRules).map(([name, rule]) => [name, smooth(name as BinaryName, rule)]),
  ),
  ...Object.fromEntries(comparisonNames.map((name) => [name, comparison(name)])),
} as Record<BinaryName, Primitive>;

const whereShape = (cond: Shape, a: Shape, b: Shape): Shape =>
  broadcastShapes('where', broadcastShapes('where', cond, a), b);

/** `where(cond, a, b)`: picks a where cond is nonzero, b elsewhere; cond gets no derivative. */
export const wherePrimitive: Primitive = {
  name: 'where',
  aval: ([c, a, b]) => ({
    shape: whereShape((c as Aval).shape, (a as Aval).shape, (b as Aval).shape),
    dtype: resultDType((a as Aval).dtype, (b as Aval).dtype),
  }),
  lower: ([c, a, b], _params, out) => {
    const shapes = [(c as Aval).shape, (a as Aval).shape, (b as Aval).shape] as const;
    return ([x, y, z], o) =>
      whereInto(
        x as Float64Array,
        shapes[0],
        y as Float64Array,
        shapes[1],
        z as Float64Array,
        shapes[2],
        o,
        out.shape,
      );
  },
  jvp: ([c], [, ta, tb], y) => {
    if ((ta ?? null) === null && (tb ?? null) === null) return null;
    return broadcastTangent(where(c as Value, ta ?? 0, tb ?? 0), y.shape);
  },
  vjp: (g, [c, a, b], _y, _params, wanted) => [
    null,
    wanted[1] ? unbroadcast(where(c as Value, g, 0), (a as Value).shape) : null,
    wanted[2] ? unbroadcast(where(c as Value, 0, g), (b as Value).shape) : null,
  ],
};
