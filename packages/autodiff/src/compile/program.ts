/**
 * A staged program: a straight-line list of primitive applications over numbered variables,
 * recorded by `jit` while it traces a function with symbolic values.
 */
import type { Tensor } from '@hamiltonian/tensor';
import type { Primitive } from '../core/primitive.js';
import type { Aval } from '../core/value.js';

/** One primitive application: `vars[out] = prim(vars[inputs...]; params)`. */
export interface Equation {
  readonly prim: Primitive;
  readonly inputs: readonly number[];
  readonly params: unknown;
  readonly out: number;
}

/** A program's variables (by id), the argument and constant variables, equations and outputs. */
export interface Program {
  readonly avals: Aval[];
  readonly args: readonly number[];
  readonly consts: Map<number, Tensor>;
  equations: Equation[];
  outputs: number[];
}

/** The variables each equation reads, and the equation that defines each variable. */
export const definitions = (program: Program): Map<number, Equation> => {
  const defs = new Map<number, Equation>();
  for (const eq of program.equations) defs.set(eq.out, eq);
  return defs;
};

/** Drops equations whose results no output needs. */
export const eliminateDeadCode = (program: Program): void => {
  const live = new Set(program.outputs);
  const kept: Equation[] = [];
  for (let i = program.equations.length - 1; i >= 0; i--) {
    const eq = program.equations[i] as Equation;
    if (!live.has(eq.out)) continue;
    kept.push(eq);
    for (const v of eq.inputs) live.add(v);
  }
  program.equations = kept.reverse();
};

/** Replaces every use of a variable by another, in equations and outputs. */
const substitute = (program: Program, replace: Map<number, number>): void => {
  if (replace.size === 0) return;
  const resolve = (v: number): number => {
    let r = v;
    while (replace.has(r)) r = replace.get(r) as number;
    return r;
  };
  program.equations = program.equations.map((eq) =>
    eq.inputs.some((v) => replace.has(v)) ? { ...eq, inputs: eq.inputs.map(resolve) } : eq,
  );
  program.outputs = program.outputs.map(resolve);
};

const paramsKey = (params: unknown): string =>
  JSON.stringify(params, (_k, v: unknown) =>
    ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v,
  );

/**
 * Merges equations that apply the same primitive with the same parameters to the same
 * variables (derivative rules often recompute a mask or a product the forward pass had).
 */
export const eliminateCommonSubexpressions = (program: Program): void => {
  const seen = new Map<string, number>();
  const replace = new Map<number, number>();
  const kept: Equation[] = [];
  for (const eq of program.equations) {
    const inputs = eq.inputs.map((v) => replace.get(v) ?? v);
    const key = `${eq.prim.name}|${inputs.join(',')}|${paramsKey(eq.params)}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      replace.set(eq.out, earlier);
      continue;
    }
    seen.set(key, eq.out);
    kept.push(inputs.some((v, i) => v !== eq.inputs[i]) ? { ...eq, inputs } : eq);
  }
  program.equations = kept;
  substitute(program, replace);
};

/** Evaluates equations whose operands are all constants once, at compile time. */
export const foldConstants = (
  program: Program,
  evaluate: (eq: Equation, inputs: readonly Tensor[]) => Tensor,
): void => {
  const kept: Equation[] = [];
  for (const eq of program.equations) {
    if (eq.inputs.every((v) => program.consts.has(v))) {
      const inputs = eq.inputs.map((v) => program.consts.get(v) as Tensor);
      program.consts.set(eq.out, evaluate(eq, inputs));
    } else {
      kept.push(eq);
    }
  }
  program.equations = kept;
};

/** Removes equations that return their operand unchanged (identity simplifications). */
export const forwardAliases = (program: Program, alias: (eq: Equation) => number | null): void => {
  const replace = new Map<number, number>();
  const kept: Equation[] = [];
  for (const eq of program.equations) {
    const inputs = eq.inputs.map((v) => replace.get(v) ?? v);
    const current = inputs.some((v, i) => v !== eq.inputs[i]) ? { ...eq, inputs } : eq;
    const same = alias(current);
    if (same !== null) replace.set(eq.out, same);
    else kept.push(current);
  }
  program.equations = kept;
  substitute(program, replace);
};

/** The equation's operands rewritten through `replace`, or the equation itself. */
const withInputs = (eq: Equation, inputs: readonly number[]): Equation =>
  inputs.every((v, i) => v === eq.inputs[i]) ? eq : { ...eq, inputs };

/**
 * Exact rewrites that expose structure to fusion:
 * - a product of an all-ones column [m, 1] with a row [1, n] is that row broadcast (each entry
 *   is 1·b = b), which derivative rules produce when they seed a sum's cotangent;
 * - an elementwise op reading a broadcast reads its source instead, since the kernels broadcast
 *   by themselves (same values, one copy fewer).
 */
export const simplifyBroadcasts = (
  program: Program,
  isOnes: (v: number) => boolean,
  prims: { readonly broadcast: Equation['prim']; readonly reshape: Equation['prim'] },
  elementwise: (name: string) => boolean,
): void => {
  const source = new Map<number, number>(); // a broadcast's result -> its operand
  const shapeOf = (v: number): readonly number[] => (program.avals[v] as Aval).shape;
  const rewritten: Equation[] = [];
  for (const eq of program.equations) {
    if (eq.prim.name === 'matmul') {
      const { transA } = eq.params as { transA: boolean };
      const [a, b] = eq.inputs as [number, number];
      const sa = shapeOf(a);
      const sb = shapeOf(b);
      // [m, 1] ones times a [1, n] row (or its [n, 1] storage read transposed: same layout).
      if (!transA && sa.length === 2 && sa[1] === 1 && sb.length === 2 && isOnes(a)) {
        const n = shapeOf(eq.out)[1] as number;
        const row = program.avals.length;
        program.avals.push({ shape: [1, n], dtype: (program.avals[b] as Aval).dtype });
        rewritten.push({ prim: prims.reshape, inputs: [b], params: { shape: [1, n] }, out: row });
        rewritten.push({
          prim: prims.broadcast,
          inputs: [row],
          params: { shape: shapeOf(eq.out) },
          out: eq.out,
        });
        source.set(eq.out, row);
        continue;
      }
    }
    if (eq.prim.name === 'broadcastTo') source.set(eq.out, eq.inputs[0] as number);
    rewritten.push(
      elementwise(eq.prim.name)
        ? withInputs(
            eq,
            eq.inputs.map((v) => source.get(v) ?? v),
          )
        : eq,
    );
  }
  program.equations = rewritten;
};

/**
 * Folds a matrix transpose into the product that reads it: `matmul(transpose(A), B)` becomes
 * `matmul(A, B)` with `transA` flipped (likewise for B). The kernels read the operand in the
 * other order and accumulate each entry in the same order, so the result is the same bits.
 */
export const foldTransposes = (program: Program): void => {
  const swapped = new Map<number, number>(); // a 2-D transpose's result -> its operand
  for (const eq of program.equations) {
    const perm = (eq.params as { perm?: readonly number[] } | null)?.perm;
    if (eq.prim.name === 'transpose' && perm?.length === 2 && perm[0] === 1) {
      swapped.set(eq.out, eq.inputs[0] as number);
    }
  }
  if (swapped.size === 0) return;
  program.equations = program.equations.map((eq) => {
    if (eq.prim.name !== 'matmul') return eq;
    const [a, b] = eq.inputs as [number, number];
    const { transA, transB } = eq.params as { transA: boolean; transB: boolean };
    const sa = swapped.get(a);
    const sb = swapped.get(b);
    if (sa === undefined && sb === undefined) return eq;
    return {
      ...eq,
      inputs: [sa ?? a, sb ?? b],
      params: {
        transA: sa === undefined ? transA : !transA,
        transB: sb === undefined ? transB : !transB,
      },
    };
  });
};
