/**
 * Turns a scheduled program into a replayable executable: every variable gets a buffer allocated
 * once, buffers are reused once their last reader has run, elementwise ops write in place over
 * an operand that dies with them, and reshapes share their operand's buffer. A call copies the
 * arguments into their buffers, runs the steps in order and copies the outputs out.
 */
import type { Storage } from '@hamiltonian/tensor';
import { allocate } from '@hamiltonian/tensor/kernels';
import { internal } from '../core/errors.js';
import { sizeOfShape, type Kernel } from '../core/primitive.js';
import type { Aval } from '../core/value.js';
import { isElementwiseName, type Step } from './fuse.js';
import type { Equation, Program } from './program.js';

/**
 * Whether a primitive's kernel may write over an operand of the output's shape: the unary and
 * binary elementwise kernels read each entry before writing it; `where` is left out because its
 * broadcasting path is not written with aliasing in mind.
 */
const writesInPlace = (name: string): boolean => name !== 'where' && isElementwiseName(name);

const isAlias = (eq: Equation): boolean => (eq.prim as { alias?: boolean }).alias === true;

/** A compiled program: call it with the argument storages, get fresh output storages. */
export interface Executable {
  readonly run: (args: readonly Storage[]) => Storage[];
  /** Steps per call, fused clusters among them, and bytes of scratch held. */
  readonly stats: {
    readonly steps: number;
    readonly clusters: number;
    readonly scratchBytes: number;
  };
}

const stepInputs = (step: Step): readonly number[] =>
  step.kind === 'eq' ? step.eq.inputs : step.inputs;
const stepOutputs = (step: Step): readonly number[] =>
  step.kind === 'eq' ? [step.eq.out] : step.outputs;

/** Plans buffers for the scheduled `steps` of `program` and returns its executable. */
export const plan = (program: Program, steps: readonly Step[]): Executable => {
  const { avals } = program;
  const storage = new Map<number, Storage>();
  const root = new Map<number, number>(); // an aliasing variable -> the owner of its buffer
  const owner = (v: number): number => root.get(v) ?? v;

  // Arguments are read in place: each gets a placeholder that every call swaps for the
  // caller's storage in the operand lists that mention it.
  const placeholders: Storage[] = program.args.map((v) => {
    const s = new Float64Array(0);
    storage.set(v, s);
    return s;
  });
  for (const [v, t] of program.consts) storage.set(v, t.data);

  // The last step that reads each buffer owner; outputs live to the end.
  const lastUse = new Map<number, number>();
  steps.forEach((step, i) => {
    if (step.kind === 'eq' && isAlias(step.eq))
      root.set(step.eq.out, owner(step.eq.inputs[0] as number));
    for (const v of stepInputs(step)) lastUse.set(owner(v), i);
    for (const v of stepOutputs(step))
      lastUse.set(owner(v), Math.max(lastUse.get(owner(v)) ?? i, i));
  });
  const pinned = new Set<number>([...program.args, ...program.consts.keys()]);
  for (const v of program.outputs) lastUse.set(owner(v), Infinity);

  const free = new Map<string, Storage[]>();
  const keyOf = (aval: Aval): string => `${aval.dtype}:${sizeOfShape(aval.shape)}`;
  const release = (v: number): void => {
    if (pinned.has(v)) return;
    const key = keyOf(avals[v] as Aval);
    const list = free.get(key) ?? [];
    list.push(storage.get(v) as Storage);
    free.set(key, list);
  };
  let scratchBytes = 0;
  const acquire = (aval: Aval): Storage => {
    const reused = free.get(keyOf(aval))?.pop();
    if (reused !== undefined) return reused;
    const s = allocate(aval.dtype, sizeOfShape(aval.shape));
    scratchBytes += s.byteLength;
    return s;
  };
  const sameAval = (a: Aval, b: Aval): boolean =>
    a.dtype === b.dtype &&
    a.shape.length === b.shape.length &&
    a.shape.every((d, j) => d === b.shape[j]);

  const runs: (() => void)[] = [];
  const operandLists: Storage[][] = [];
  steps.forEach((step, i) => {
    if (step.kind === 'eq' && isAlias(step.eq)) {
      storage.set(step.eq.out, storage.get(owner(step.eq.out)) as Storage);
      return;
    }
    const ins = stepInputs(step).map((v) => {
      const s = storage.get(owner(v));
      if (s === undefined) throw internal(`jit: variable ${v} is read before it is computed`);
      return s;
    });
    if (step.kind === 'eq') {
      const { eq } = step;
      const outAval = avals[eq.out] as Aval;
      let out: Storage | undefined;
      if (writesInPlace(eq.prim.name)) {
        const victim = eq.inputs.find((v) => {
          const o = owner(v);
          return !pinned.has(o) && lastUse.get(o) === i && sameAval(avals[v] as Aval, outAval);
        });
        if (victim !== undefined) {
          out = storage.get(owner(victim));
          lastUse.set(owner(victim), -1); // handed over to the result: not released below
        }
      }
      out ??= acquire(outAval);
      storage.set(eq.out, out);
      const kernel: Kernel = eq.prim.lower(
        eq.inputs.map((v) => avals[v] as Aval),
        eq.params,
        outAval,
      );
      const o = out;
      operandLists.push(ins);
      runs.push(() => kernel(ins, o));
    } else {
      const outs = step.outputs.map((v) => {
        const s = acquire(avals[v] as Aval);
        storage.set(v, s);
        return s;
      });
      const buffers = [...ins, ...outs];
      operandLists.push(buffers);
      const fused = step.run;
      runs.push(() => fused(buffers));
    }
    for (const v of new Set(stepInputs(step).map(owner))) if (lastUse.get(v) === i) release(v);
  });

  const results = program.outputs.map((v) => {
    const s = storage.get(owner(v));
    if (s === undefined) throw internal(`jit: output variable ${v} has no buffer`);
    return s;
  });
  // Where each argument is read: [operand list, position, argument index] triples.
  const patches: [Storage[], number, number][] = [];
  for (const list of operandLists) {
    list.forEach((s, k) => {
      const a = placeholders.indexOf(s);
      if (a >= 0) patches.push([list, k, a]);
    });
  }
  const resultArgs = results.map((s) => placeholders.indexOf(s));
  const count = runs.length;
  const outAvals = program.outputs.map((v) => avals[v] as Aval);
  const copyOut = outputCopier(
    outAvals.map((a) => sizeOfShape(a.shape)),
    outAvals.map((a) => a.dtype === 'float64'),
  );
  const run = (args: readonly Storage[]): Storage[] => {
    for (const [list, k, a] of patches) list[k] = args[a] as Storage;
    for (let i = 0; i < count; i++) (runs[i] as () => void)();
    return copyOut(
      results.map((s, i) => {
        const a = resultArgs[i] as number;
        return a >= 0 ? (args[a] as Storage) : s;
      }),
    );
  };
  const clusters = steps.filter((s) => s.kind === 'cluster').length;
  return { run, stats: { steps: count, clusters, scratchBytes } };
};

/**
 * Copies a call's results out of the reused buffers into fresh storage. Allocating one
 * ArrayBuffer per dtype and viewing it costs a fraction of one allocation per result (a typed
 * array's own buffer is the expensive part), and the views never overlap.
 */
const outputCopier = (lengths: readonly number[], float64: readonly boolean[]) => {
  const total64 = lengths.reduce((n, len, i) => (float64[i] ? n + len : n), 0);
  const total32 = lengths.reduce((n, len, i) => (float64[i] ? n : n + len), 0);
  return (sources: readonly Storage[]): Storage[] => {
    const buffer64 = new ArrayBuffer(total64 * 8);
    const buffer32 = new ArrayBuffer(total32 * 4);
    let at64 = 0;
    let at32 = 0;
    return sources.map((source, i) => {
      const len = lengths[i] as number;
      let view: Storage;
      if (float64[i]) {
        view = new Float64Array(buffer64, at64 * 8, len);
        at64 += len;
      } else {
        view = new Float32Array(buffer32, at32 * 4, len);
        at32 += len;
      }
      view.set(source);
      return view;
    });
  };
};
