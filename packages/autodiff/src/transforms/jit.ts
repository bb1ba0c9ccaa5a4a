/**
 * `jit`: trace a function once per argument shape into a straight-line program, simplify it, and
 * replay it over preallocated buffers on every later call.
 *
 * The replay runs the same kernels as eager evaluation, in the same order within each op, so its
 * results are bit-identical to calling the function directly. What it removes is overhead: no
 * tape, no closures or tensors per op, no allocation on the hot path, no work that the outputs
 * do not need.
 */
import type { DType, Shape, Storage, Tensor } from '@hamiltonian/tensor';
import { isTensor, scalar, shapesEqual } from '@hamiltonian/tensor';
import { wrap } from '@hamiltonian/tensor/kernels';
import { TracerError } from '../core/errors.js';
import { evalPrimitive, type Primitive } from '../core/primitive.js';
import {
  flatten,
  flattenLike,
  sameTreeDef,
  treeBuilder,
  unflatten,
  type Leaf,
  type TreeDef,
} from '../core/tree.js';
import { Trace, Tracer, isTracer, topTrace, type Value } from '../core/value.js';
import { isElementwiseName, schedule, type Step } from '../compile/fuse.js';
import { broadcastPrimitive, reshapePrimitive } from '../rules/shape.js';
import { plan, type Executable } from '../compile/plan.js';
import {
  eliminateCommonSubexpressions,
  eliminateDeadCode,
  foldConstants,
  foldTransposes,
  simplifyBroadcasts,
  type Equation,
  type Program,
} from '../compile/program.js';

/** A symbolic value while `jit` traces: only its shape and dtype are known. */
export class StagingTracer extends Tracer {
  constructor(
    readonly trace: StagingTrace,
    readonly id: number,
    readonly shape: Shape,
    readonly dtype: DType,
  ) {
    super();
  }

  get primal(): Value {
    throw new TracerError(
      'jit: a concrete value was read while tracing (item, data, primalOf or control flow on ' +
        'a traced value); jit needs code whose operations do not depend on the data',
    );
  }
}

/** The trace of one `jit` staging run: it records equations instead of computing. */
export class StagingTrace extends Trace {
  readonly program: Program = {
    avals: [],
    args: [],
    consts: new Map(),
    equations: [],
    outputs: [],
  };
  readonly #constIds = new Map<Tensor, number>();

  newVar(shape: Shape, dtype: DType): StagingTracer {
    const id = this.program.avals.length;
    this.program.avals.push({ shape, dtype });
    return new StagingTracer(this, id, shape, dtype);
  }

  constant(t: Tensor): number {
    const known = this.#constIds.get(t);
    if (known !== undefined) return known;
    const id = this.newVar(t.shape, t.dtype).id;
    this.program.consts.set(id, t);
    this.#constIds.set(t, id);
    return id;
  }

  idOf(x: Value): number {
    if (x instanceof StagingTracer && x.trace === this) return x.id;
    if (isTensor(x)) return this.constant(x);
    throw new TracerError(
      'jit: the function uses a value traced by an outer transform (a closure over a traced ' +
        'variable); pass it to the jitted function as an argument',
    );
  }

  process(prim: Primitive, inputs: readonly Value[], params: unknown): Value {
    const ids = inputs.map((x) => this.idOf(x));
    const aval = prim.aval(inputs, params);
    const out = this.newVar(aval.shape, aval.dtype);
    this.program.equations.push({ prim, inputs: ids, params, out: out.id });
    return out;
  }
}

interface Compiled {
  readonly executable: Executable;
  readonly outDef: ReturnType<typeof flatten>[1];
  /** Per output leaf: a variable index into the results, a constant tensor, or a number. */
  readonly outputs: readonly (
    { kind: 'var'; index: number; shape: Shape } | { kind: 'const'; value: Leaf }
  )[];
  readonly program: Program;
  readonly steps: readonly Step[];
  /** Rebuilds the output structure from its leaves. */
  readonly build: (leaves: readonly Leaf[]) => unknown;
}

const signature = (leaves: readonly Leaf[], def: unknown): string =>
  JSON.stringify(def) +
  leaves.map((l) => (typeof l === 'number' ? 'n' : `${l.dtype}[${l.shape.join(',')}]`)).join(';');

const isOnesIn =
  (program: Program) =>
  (v: number): boolean => {
    const c = program.consts.get(v);
    return c !== undefined && c.data.every((x) => x === 1);
  };

const optimise = (program: Program): void => {
  eliminateDeadCode(program);
  foldConstants(program, (eq: Equation, inputs) => evalPrimitive(eq.prim, inputs, eq.params));
  foldTransposes(program);
  simplifyBroadcasts(
    program,
    isOnesIn(program),
    { broadcast: broadcastPrimitive, reshape: reshapePrimitive },
    isElementwiseName,
  );
  eliminateCommonSubexpressions(program);
  eliminateDeadCode(program);
};

const stage = <A extends unknown[], R>(
  f: (...args: A) => R,
  leaves: readonly Leaf[],
  def: Parameters<typeof unflatten>[0],
): Compiled => {
  const trace = new StagingTrace();
  let out: R;
  const argVars = leaves.map((l) =>
    typeof l === 'number' ? trace.newVar([], 'float64') : trace.newVar(l.shape, l.dtype),
  );
  (trace.program.args as number[]).push(...argVars.map((v) => v.id));
  try {
    out = f(...(unflatten(def, argVars) as unknown as A));
  } finally {
    trace.close();
  }
  const [outLeaves, outDef] = flatten(out, 'output');
  const program = trace.program;
  const outputs: Compiled['outputs'][number][] = [];
  for (const leaf of outLeaves) {
    if (leaf instanceof StagingTracer && leaf.trace === trace) {
      outputs.push({ kind: 'var', index: program.outputs.length, shape: leaf.shape });
      program.outputs.push(leaf.id);
    } else if (isTracer(leaf)) {
      throw new TracerError('jit: the function returned a value traced by an outer transform');
    } else {
      outputs.push({ kind: 'const', value: leaf });
    }
  }
  optimise(program);
  // Outputs that folded to constants become constant outputs.
  const resolved = outputs.map((o) => {
    if (o.kind !== 'var') return o;
    const v = program.outputs[o.index] as number;
    const c = program.consts.get(v);
    return c !== undefined && !program.args.includes(v) ? { kind: 'const' as const, value: c } : o;
  });
  const steps = schedule(program);
  const build = treeBuilder<Leaf>(outDef);
  return { executable: plan(program, steps), outDef, outputs: resolved, program, steps, build };
};

/** A jitted function, with the number of distinct signatures it has compiled. */
export interface Jitted<A extends unknown[], R> {
  (...args: A): R;
  /** How many programs were traced (one per distinct argument structure, shapes and dtypes). */
  readonly cacheSize: number;
  /** The simplified program for the given arguments, as text, for inspection. */
  readonly lower: (...args: A) => string;
}

/**
 * Compiles `f` for the shapes it is called with. The first call with a new structure of
 * argument shapes traces `f` symbolically; later calls replay the compiled program.
 *
 * Requirements: `f` is pure, its operations do not depend on the values of its traced inputs
 * (no `item`, no branching on data), and it reads concrete values only from its arguments.
 * Called under another transform (inside `grad`, say), the jitted function runs `f` directly.
 *
 * @example
 * const step = jit((params, x, y) => valueAndGrad(loss)(params, x, y));
 * const [l, g] = step(params, xBatch, yBatch); // traced once, then replayed
 */
export const jit = <A extends unknown[], R>(f: (...args: A) => R): Jitted<A, R> => {
  const cache = new Map<string, Compiled>();
  let last:
    | { readonly def: TreeDef; readonly leaves: readonly Leaf[]; readonly compiled: Compiled }
    | undefined;
  // Repeated calls with the same shapes skip building the signature string.
  const sameAvals = (a: readonly Leaf[], b: readonly Leaf[]): boolean =>
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i] as Leaf;
      if (typeof x === 'number' || typeof y === 'number') return typeof x === typeof y;
      return x.dtype === y.dtype && shapesEqual(x.shape, y.shape);
    });
  const compiledFor = (leaves: readonly Leaf[], def: TreeDef): Compiled => {
    if (last !== undefined && sameAvals(leaves, last.leaves) && sameTreeDef(def, last.def)) {
      return last.compiled;
    }
    const key = signature(leaves, def);
    let compiled = cache.get(key);
    if (compiled === undefined) {
      compiled = stage(f, leaves, def);
      cache.set(key, compiled);
    }
    last = { def, leaves, compiled };
    return compiled;
  };
  // The arguments' leaves and program: the last one's when the call repeats its signature.
  const prepare = (args: A): [Leaf[], Compiled] | undefined => {
    if (last !== undefined) {
      const leaves: Leaf[] = [];
      if (flattenLike(args, last.def, leaves) && sameAvals(leaves, last.leaves)) {
        return leaves.some(isTracer) ? undefined : [leaves, last.compiled];
      }
    }
    const [leaves, def] = flatten(args, 'args');
    const values = leaves.filter((l): l is Value => typeof l !== 'number');
    if (topTrace(values) !== undefined) return undefined;
    return [leaves, compiledFor(leaves, def)];
  };
  const call = (...args: A): R => {
    const prepared = prepare(args);
    // Under an outer transform, run the function itself so that transform sees every op.
    if (prepared === undefined) return f(...args);
    const [leaves, compiled] = prepared;
    const storages: Storage[] = leaves.map((l) =>
      typeof l === 'number' ? scalar(l).data : (l as Tensor).data,
    );
    const results = compiled.executable.run(storages);
    const outLeaves = compiled.outputs.map((o) =>
      o.kind === 'const' ? o.value : wrap(results[o.index] as Storage, o.shape),
    );
    return compiled.build(outLeaves) as R;
  };
  const lower = (...args: A): string => {
    const [leaves, def] = flatten(args, 'args');
    const compiled = compiledFor(leaves, def);
    const p = compiled.program;
    const name = (v: number): string => (p.consts.has(v) ? `c${v}` : `v${v}`);
    const shape = (v: number): string => `[${p.avals[v]?.shape.join(',')}]`;
    const lines = compiled.steps.map((step) => {
      if (step.kind === 'eq') {
        const { eq } = step;
        const operands = eq.inputs.map(name).join(', ');
        return `${name(eq.out)}: ${shape(eq.out)} = ${eq.prim.name}(${operands})`;
      }
      const outs = step.outputs.map((v) => `${name(v)}: ${shape(v)}`).join(', ');
      const body = step.members.map(
        (eq) => `  ${name(eq.out)} = ${eq.prim.name}(${eq.inputs.map(name).join(', ')})`,
      );
      const code = step.source.split('\n').map((l) => `  | ${l}`);
      return [`${outs} = fused(${step.inputs.map(name).join(', ')}) {`, ...body, ...code, '}'].join(
        '\n',
      );
    });
    const args0 = `args: ${p.args.map(name).join(', ')}`;
    return [args0, ...lines, `outputs: ${p.outputs.map(name).join(', ')}`].join('\n');
  };
  Object.defineProperty(call, 'cacheSize', { get: () => cache.size });
  return Object.assign(call, { lower }) as unknown as Jitted<A, R>;
};
