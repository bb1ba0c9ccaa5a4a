/**
 * Reverse mode: a tape of the operations applied to traced values, walked backwards.
 *
 * Every node records the primitive, its operands one level down and its result. The backward
 * pass calls the primitives' `vjp` rules, which are themselves made of ops, so when the operands
 * are tracers of an outer transform the backward pass is traced too: that is how `grad` nests.
 */
import { internal } from '../core/errors.js';
import { bind, type Maybe, type Primitive } from '../core/primitive.js';
import { Trace, WrappingTracer, type Value } from '../core/value.js';
import { addMaybe } from '../rules/zeros.js';

/** One step of the tape: either an input (no primitive) or a primitive applied to operands. */
export interface TapeNode {
  readonly id: number;
  readonly prim: Primitive | null;
  readonly primals: readonly Value[];
  readonly out: Value;
  readonly params: unknown;
  /** The tape nodes of the operands that are tracers of the same trace (null for constants). */
  readonly parents: readonly (TapeNode | null)[];
}

let nodeCounter = 0;

/** A value under `vjp`: its primal and the tape node that produced it. */
export class VjpTracer extends WrappingTracer {
  constructor(
    readonly trace: VjpTrace,
    primalValue: Value,
    readonly node: TapeNode,
  ) {
    super(primalValue);
  }
}

/** The trace of one `vjp` call. */
export class VjpTrace extends Trace {
  process(prim: Primitive, inputs: readonly Value[], params: unknown): Value {
    const primals: Value[] = [];
    const parents: (TapeNode | null)[] = [];
    let traced = false;
    for (const x of inputs) {
      if (x instanceof VjpTracer && x.trace === this) {
        primals.push(x.primalValue);
        parents.push(x.node);
        traced = true;
      } else {
        primals.push(x);
        parents.push(null);
      }
    }
    const out = bind(prim, primals, params);
    if (!traced || prim.nonDifferentiable) return out;
    const node: TapeNode = { id: ++nodeCounter, prim, primals, out, params, parents };
    return new VjpTracer(this, out, node);
  }

  /** Wraps an input of the differentiated function as a tape leaf. */
  leaf(x: Value): VjpTracer {
    const node: TapeNode = {
      id: ++nodeCounter,
      prim: null,
      primals: [],
      out: x,
      params: null,
      parents: [],
    };
    return new VjpTracer(this, x, node);
  }
}

/** Nodes reachable from the seeds, latest first: a valid order for the backward pass. */
const reverseTopological = (seeds: readonly TapeNode[]): TapeNode[] => {
  const seen = new Set<TapeNode>();
  const stack = [...seeds];
  while (stack.length > 0) {
    const node = stack.pop() as TapeNode;
    if (seen.has(node)) continue;
    seen.add(node);
    for (const p of node.parents) if (p !== null && !seen.has(p)) stack.push(p);
  }
  // Node ids grow with creation time, and an op is always created after its operands.
  return [...seen].sort((a, b) => b.id - a.id);
};

/**
 * Runs the backward pass from `seeds` (node and its cotangent) and returns the cotangent that
 * reached each node in `leaves` (null where none did).
 */
export const backward = (
  seeds: readonly (readonly [TapeNode, Value])[],
  leaves: readonly TapeNode[],
): Maybe[] => {
  const cotangents = new Map<TapeNode, Value>();
  for (const [node, ct] of seeds) {
    const prev = cotangents.get(node) ?? null;
    cotangents.set(node, addMaybe(prev, ct) as Value);
  }
  const order = reverseTopological(seeds.map(([n]) => n));
  const wantedLeaves = new Set(leaves);
  for (const node of order) {
    if (node.prim === null) continue;
    const g = cotangents.get(node);
    if (g === undefined) continue;
    if (!wantedLeaves.has(node)) cotangents.delete(node);
    const wanted = node.parents.map((p) => p !== null);
    const cts = node.prim.vjp(g, node.primals, node.out, node.params, wanted);
    if (cts.length !== node.parents.length) {
      throw internal(`vjp rule of ${node.prim.name} returned ${cts.length} cotangents`);
    }
    node.parents.forEach((parent, i) => {
      const ct = cts[i] ?? null;
      if (parent === null || ct === null) return;
      cotangents.set(parent, addMaybe(cotangents.get(parent) ?? null, ct) as Value);
    });
  }
  return leaves.map((leaf) => cotangents.get(leaf) ?? null);
};
