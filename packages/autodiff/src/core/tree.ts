/**
 * Pytrees: nested arrays and plain records whose leaves are tensors, tracers or numbers.
 *
 * Transforms accept and return pytrees, so a model's parameters can be `{ W1, b1, layers: [...] }`
 * rather than one flat list. Records are walked in insertion order of their keys.
 */
import { isTensor } from '@hamiltonian/tensor';
import { TreeError } from './errors.js';
import { isTracer, type Value } from './value.js';

/** A leaf of a differentiable pytree. */
export type Leaf = Value | number;

/** A nested structure of arrays and records over leaves of type `L`. */
export type Tree<L = Leaf> = L | readonly Tree<L>[] | { readonly [key: string]: Tree<L> };

/** The shape of a pytree without its leaves: enough to rebuild it from a list of leaves. */
export type TreeDef =
  | { readonly kind: 'leaf' }
  | { readonly kind: 'array'; readonly children: readonly TreeDef[] }
  | {
      readonly kind: 'record';
      readonly keys: readonly string[];
      readonly children: readonly TreeDef[];
    };

const LEAF: TreeDef = { kind: 'leaf' };

/** True for a leaf: a tensor, a tracer or a finite-or-not number. */
export const isLeaf = (x: unknown): x is Leaf =>
  typeof x === 'number' || isTensor(x) || isTracer(x);

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype;

const describe = (x: unknown): string =>
  x === null ? 'null' : typeof x === 'object' ? (x.constructor?.name ?? 'object') : typeof x;

/**
 * Splits a pytree into its leaves (depth first) and its structure.
 *
 * Throws a `TreeError` naming the path of the first unsupported leaf (`params.layers[1].W`).
 *
 * @example
 * const [leaves, def] = flatten({ W: zeros([2, 2]), b: [1, 2] });
 * leaves.length; // 3
 */
export const flatten = (tree: unknown, root = 'tree'): [Leaf[], TreeDef] => {
  const leaves: Leaf[] = [];
  // Paths are only built to report an error: transforms flatten on every call.
  const walk = (x: unknown): TreeDef => {
    if (isLeaf(x)) {
      leaves.push(x);
      return LEAF;
    }
    if (Array.isArray(x)) return { kind: 'array', children: x.map(walk) };
    if (isRecord(x)) {
      const keys = Object.keys(x);
      return { kind: 'record', keys, children: keys.map((k) => walk(x[k])) };
    }
    throw new TreeError(
      `unsupported leaf at ${pathOfBadLeaf(tree, root) ?? root}: got ${describe(x)}; a pytree ` +
        'holds tensors, traced values and numbers in arrays and plain objects',
    );
  };
  const def = walk(tree);
  return [leaves, def];
};

/** The path of the first unsupported leaf in depth-first order, for error messages. */
const pathOfBadLeaf = (x: unknown, path: string): string | undefined => {
  if (isLeaf(x)) return undefined;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const found = pathOfBadLeaf(x[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isRecord(x)) {
    for (const k of Object.keys(x)) {
      const found = pathOfBadLeaf(x[k], `${path}.${k}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return path;
};

/**
 * Rebuilds a pytree of structure `def` from leaves in depth-first order (the inverse of
 * `flatten`).
 *
 * @example
 * const [leaves, def] = flatten({ a: 1, b: [2, 3] });
 * unflatten(def, leaves.map((x) => (x as number) * 10)); // { a: 10, b: [20, 30] }
 */
export const unflatten = <L>(def: TreeDef, leaves: readonly L[]): Tree<L> => {
  let next = 0;
  const build = (d: TreeDef): Tree<L> => {
    if (d.kind === 'leaf') {
      if (next >= leaves.length)
        throw new TreeError(`unflatten: too few leaves (${leaves.length})`);
      return leaves[next++] as L;
    }
    const children = d.children.map(build);
    if (d.kind === 'array') return children;
    const out: Record<string, Tree<L>> = {};
    d.keys.forEach((k, i) => (out[k] = children[i] as Tree<L>));
    return out;
  };
  const tree = build(def);
  if (next !== leaves.length) {
    throw new TreeError(`unflatten: ${leaves.length} leaves given, structure holds ${next}`);
  }
  return tree;
};

/** The number of leaves a structure holds. */
export const leafCount = (def: TreeDef): number =>
  def.kind === 'leaf' ? 1 : def.children.reduce((n, c) => n + leafCount(c), 0);

/** Applies `fn` to every leaf, keeping the structure. */
export const mapTree = <L, M>(tree: Tree<L>, fn: (leaf: L, index: number) => M): Tree<M> => {
  const [leaves, def] = flatten(tree);
  return unflatten(
    def,
    (leaves as unknown as L[]).map((l, i) => fn(l, i)),
  );
};

/** True when two structures are the same (same nesting, keys and leaf positions). */
export const sameTreeDef = (a: TreeDef, b: TreeDef): boolean => {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'leaf') return true;
  const bb = b as typeof a;
  if (a.children.length !== bb.children.length) return false;
  if (a.kind === 'record' && a.keys.join('\u0000') !== (bb as typeof a).keys.join('\u0000')) {
    return false;
  }
  return a.children.every((c, i) => sameTreeDef(c, bb.children[i] as TreeDef));
};

/**
 * Collects the leaves of `tree` into `out` if its structure is `def` (records compared by their
 * keys, in any order), without allocating a new structure; returns false, leaving `out` partly
 * filled, when the structure differs. Transforms use it to recognise a repeated call cheaply.
 */
export const flattenLike = (tree: unknown, def: TreeDef, out: Leaf[]): boolean => {
  if (def.kind === 'leaf') {
    if (!isLeaf(tree)) return false;
    out.push(tree);
    return true;
  }
  if (def.kind === 'array') {
    if (!Array.isArray(tree) || tree.length !== def.children.length) return false;
    for (let i = 0; i < tree.length; i++) {
      if (!flattenLike(tree[i], def.children[i] as TreeDef, out)) return false;
    }
    return true;
  }
  if (!isRecord(tree)) return false;
  let count = 0;
  for (const k in tree) if (Object.prototype.hasOwnProperty.call(tree, k)) count++;
  if (count !== def.keys.length) return false;
  for (let i = 0; i < def.keys.length; i++) {
    const key = def.keys[i] as string;
    if (!Object.prototype.hasOwnProperty.call(tree, key)) return false;
    if (!flattenLike(tree[key], def.children[i] as TreeDef, out)) return false;
  }
  return true;
};

/**
 * A function that builds trees of structure `def` from a list of leaves, generated once so that
 * rebuilding a transform's outputs on every call costs no walk over the structure.
 */
export const treeBuilder = <L>(def: TreeDef): ((leaves: readonly L[]) => Tree<L>) => {
  let next = 0;
  const expr = (d: TreeDef): string => {
    if (d.kind === 'leaf') return `l[${next++}]`;
    if (d.kind === 'array') return `[${d.children.map(expr).join(', ')}]`;
    const fields = d.keys.map((k, i) => `${JSON.stringify(k)}: ${expr(d.children[i] as TreeDef)}`);
    return `{ ${fields.join(', ')} }`;
  };
  const body = expr(def);
  return new Function('l', `return ${body};`) as (leaves: readonly L[]) => Tree<L>;
};
