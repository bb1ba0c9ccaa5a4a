/**
 * What an optimiser is: a pure state transform over any parameter pytree (or one flat vector).
 * `init(params)` makes the state, `update(grads, state, params)` returns new parameters and
 * state. Nothing is mutated and no concrete value is read, so `jit` can compile an update.
 */
import {
  add,
  astype,
  treeFlatten,
  treeUnflatten,
  zerosLike,
  type Leaf,
  type Tree,
  type TreeDef,
  type Value,
} from '@hamiltonian/autodiff';
import { scalar, shapesEqual } from '@hamiltonian/tensor';
import { NNError, showShape } from '../errors.js';

/**
 * An optimiser's state for parameters of structure `P`: the number of updates taken (a scalar
 * tensor, so a compiled step can carry it) and named moment pytrees shaped like the parameters.
 *
 * @example
 * const state = Adam(0.01).init(params); // { step: 0, moments: { m, v } }
 */
export type OptimiserState<P extends Tree = Tree> = {
  readonly step: Value;
  readonly moments: { readonly [name: string]: P };
};

/**
 * A gradient-based optimiser as a pure value.
 *
 * Pitfall: parameters that were plain numbers come back as scalar tensors.
 *
 * @example
 * const opt = Adam(0.01);
 * let state = opt.init(params);
 * [params, state] = opt.update(grads, state, params);
 */
export interface Optimiser {
  /** A readable summary with the hyperparameters, e.g. `Adam(0.01, beta [0.9, 0.999], ...)`. */
  describe(): string;
  /** The initial state: step 0 and zero moments shaped like `params`. */
  init<P extends Tree>(params: P): OptimiserState<P>;
  /** One update; `grads` has the structure and shapes of `params`. */
  update<P extends Tree>(grads: P, state: OptimiserState<P>, params: P): [P, OptimiserState<P>];
}

/** What a concrete optimiser supplies: per-step scalars and the update of one leaf. */
export interface Rule<C> {
  /** The optimiser's name, for messages. */
  readonly name: string;
  /** `describe()`'s text. */
  readonly label: string;
  /** The names of the moments kept per parameter (may be empty). */
  readonly moments: readonly string[];
  /** Scalars shared by all leaves at one step, from the new step count (1 on the first call). */
  prepare(step: Value): C;
  /** The new value of one parameter leaf `x` with gradient `g`, and its new moments. */
  leaf(c: C, g: Value, x: Value, moments: readonly Value[]): [Value, Value[]];
}

const toValue = (l: Leaf): Value => (typeof l === 'number' ? scalar(l) : l);

/** `s` (a float64 scalar) in the dtype of `x`, so a float32 model stays float32. */
export const like = (s: Value, x: Value): Value => (s.dtype === x.dtype ? s : astype(s, x.dtype));

/** Throws unless `value` is a finite number >= 0. */
export const checkNonNegative = (where: string, what: string, value: number): number => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new NNError(`${where}: ${what} must be a finite number >= 0, got ${String(value)}`);
  }
  return value;
};

/** Throws unless `value` is in [0, 1), the range of a decay rate. */
export const checkDecay = (where: string, what: string, value: number): number => {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new NNError(`${where}: ${what} must be in [0, 1), got ${String(value)}`);
  }
  return value;
};

const sameDef = (a: TreeDef, b: TreeDef): boolean => JSON.stringify(a) === JSON.stringify(b);

// The leaves of `tree` as values, after checking it has the structure and shapes of the params.
const leavesLike = (what: string, tree: unknown, def: TreeDef, xs: readonly Value[]): Value[] => {
  const [leaves, treeDef] = treeFlatten(tree, what);
  if (!sameDef(def, treeDef)) {
    throw new NNError(
      `${what} has a different structure from params (${leaves.length} leaves, params have ` +
        `${xs.length}); pass the gradient of the loss with respect to these params`,
    );
  }
  return leaves.map((l, i) => {
    const v = toValue(l);
    const expected = (xs[i] as Value).shape;
    if (!shapesEqual(v.shape, expected)) {
      throw new NNError(
        `${what}: leaf ${i} has shape ${showShape(v.shape)}, params have ${showShape(expected)}`,
      );
    }
    return v;
  });
};

const checkState = (name: string, state: unknown, moments: readonly string[]): void => {
  const s = state as Partial<OptimiserState> | undefined;
  const missing = moments.filter((m) => s?.moments?.[m] === undefined);
  if (s?.step === undefined || s.moments === undefined || missing.length > 0) {
    throw new NNError(
      `${name}.update: state is not a ${name} state` +
        (missing.length > 0 ? ` (no moment ${missing.join(', ')})` : '') +
        `; create it with ${name}(...).init(params)`,
    );
  }
};

/**
 * Builds an `Optimiser` from a `Rule`: the tree walking, checks and step counting are shared;
 * the rule only says how one leaf moves.
 */
export const defineOptimiser = <C>(rule: Rule<C>): Optimiser => ({
  describe: () => rule.label,
  init: <P extends Tree>(params: P): OptimiserState<P> => {
    const [leaves, def] = treeFlatten(params, 'params');
    const zero = () =>
      treeUnflatten(
        def,
        leaves.map((l) => zerosLike(toValue(l))),
      ) as P;
    return {
      step: scalar(0),
      moments: Object.fromEntries(rule.moments.map((name) => [name, zero()])),
    };
  },
  update: <P extends Tree>(grads: P, state: OptimiserState<P>, params: P) => {
    checkState(rule.name, state, rule.moments);
    const [leaves, def] = treeFlatten(params, 'params');
    const xs = leaves.map(toValue);
    const gs = leavesLike(`${rule.name}.update: grads`, grads, def, xs);
    const ms = rule.moments.map((name) =>
      leavesLike(`${rule.name}.update: state.moments.${name}`, state.moments[name], def, xs),
    );

    const step = add(state.step, 1);
    const c = rule.prepare(step);
    const newXs: Value[] = [];
    const newMs: Value[][] = rule.moments.map(() => []);
    xs.forEach((x, i) => {
      const [x1, m1] = rule.leaf(
        c,
        gs[i] as Value,
        x,
        ms.map((m) => m[i] as Value),
      );
      newXs.push(x1);
      m1.forEach((v, j) => (newMs[j] as Value[]).push(v));
    });

    const moments = Object.fromEntries(
      rule.moments.map((name, j) => [name, treeUnflatten(def, newMs[j] as Value[]) as P]),
    );
    return [treeUnflatten(def, newXs) as P, { step, moments }];
  },
});
