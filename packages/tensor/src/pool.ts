/**
 * The buffer pool: a pure API over reused memory.
 *
 * `scope(fn)` runs `fn`; when it returns, every storage allocated inside it that its result does
 * not reach goes onto a free list keyed by dtype and length, and the tensors using those storages
 * are marked disposed. Later allocations inside any scope take from the free list first. Outside
 * every scope nothing is pooled and the garbage collector owns all memory.
 */
import { allocate, type DType, type Storage } from './dtype.js';
import { TensorError } from './errors.js';
import { Tensor, openScopes, type ScopeFrame } from './tensor.js';

// More free buffers than this per (dtype, length) are left to the garbage collector.
const MAX_FREE_PER_KEY = 64;

const freeLists: Record<DType, Map<number, Storage[]>> = {
  float64: new Map(),
  float32: new Map(),
};

const kept = new WeakSet<Storage>();
// Lets closing a scope skip the WeakSet lookups until the first keep().
let anyKept = false;

/**
 * Allocates `n` elements for an op's output: from the pool inside a scope, fresh outside.
 *
 * Pitfall: a pooled storage is NOT zeroed; the caller must write every element.
 *
 * @example
 * const out = alloc('float64', 16); // then fill every entry
 */
export const alloc = (dtype: DType, n: number): Storage => {
  const frame = openScopes[openScopes.length - 1];
  if (frame === undefined || n === 0) return allocate(dtype, n);
  const reused = freeLists[dtype].get(n)?.pop();
  const storage = reused ?? allocate(dtype, n);
  frame.storages.push(storage);
  return storage;
};

/**
 * Exempts a tensor from every enclosing scope: its storage is never returned to the pool.
 *
 * @example
 * let w;
 * scope(() => { w = keep(mul(x, 2)); });
 */
export const keep = <T extends Tensor>(t: T): T => {
  kept.add(Tensor.storageOf(t));
  anyKept = true;
  return t;
};

/**
 * Runs `fn` and reclaims the memory of the tensors it created that its result does not reach.
 *
 * The result may be a tensor or any nesting of arrays and plain objects holding tensors; those
 * survive (and belong to the enclosing scope, if any). Every other tensor created inside is
 * disposed: reading its `data` throws. Scopes nest. `fn` must be synchronous.
 *
 * @example
 * const y = scope(() => relu(add(matmul(x, w), b))); // the temporaries go back to the pool
 */
export const scope = <T>(fn: () => T): T => {
  const frame: ScopeFrame = { storages: [], tensors: [] };
  openScopes.push(frame);
  let result: T;
  try {
    result = fn();
  } catch (error) {
    closeScope(frame, NONE_LIVE);
    throw error;
  }
  if (isThenable(result)) {
    closeScope(frame, null);
    throw new TensorError('scope: fn returned a Promise; scopes only support synchronous work');
  }
  closeScope(frame, liveStorages(result));
  return result;
};

/**
 * The number of free buffers currently pooled, per dtype; for tests and diagnostics.
 *
 * @example
 * pooledCount(); // { float64: 12, float32: 0 }
 */
export const pooledCount = (): Record<DType, number> => {
  const count = (m: Map<number, Storage[]>): number => {
    let n = 0;
    for (const list of m.values()) n += list.length;
    return n;
  };
  return { float64: count(freeLists.float64), float32: count(freeLists.float32) };
};

/**
 * Empties the free lists, handing their memory to the garbage collector (say, after training).
 *
 * @example
 * clearPool();
 */
export const clearPool = (): void => {
  freeLists.float64.clear();
  freeLists.float32.clear();
};

// The storages a scope's result reaches. Small results (the usual case) stay an array.
type Live = readonly Storage[] | ReadonlySet<Storage>;

const NONE_LIVE: Live = [];

const liveStorages = (result: unknown): Live => {
  if (typeof result !== 'object' || result === null) return NONE_LIVE;
  const found: Storage[] = [];
  collectStorages(result, found);
  return found.length > 16 ? new Set(found) : found;
};

const has = (set: Live, s: Storage): boolean =>
  Array.isArray(set) ? set.includes(s) : (set as ReadonlySet<Storage>).has(s);

// `live === null` releases nothing and hands everything to the parent frame.
const closeScope = (frame: ScopeFrame, live: Live | null): void => {
  if (openScopes.pop() !== frame) throw new TensorError('internal: scopes closed out of order');
  const parent = openScopes[openScopes.length - 1];
  // Most scopes own a handful of storages: a linear scan beats building a Set.
  const owned: Live = frame.storages.length > 16 ? new Set(frame.storages) : frame.storages;
  for (const t of frame.tensors) {
    const s = Tensor.storageOf(t);
    const survives = live === null || has(live, s) || (anyKept && kept.has(s));
    if (!survives && has(owned, s)) Tensor.dispose(t);
    else if (parent !== undefined && !t.disposed) parent.tensors.push(t);
  }
  for (const s of frame.storages) {
    if (live === null || has(live, s) || (anyKept && kept.has(s))) parent?.storages.push(s);
    else release(s);
  }
};

const release = (s: Storage): void => {
  const lists = s instanceof Float64Array ? freeLists.float64 : freeLists.float32;
  let list = lists.get(s.length);
  if (list === undefined) lists.set(s.length, (list = []));
  if (list.length < MAX_FREE_PER_KEY) list.push(s);
};

const collectStorages = (x: unknown, into: Storage[]): void => {
  if (x instanceof Tensor) {
    if (!x.disposed) into.push(Tensor.storageOf(x));
  } else if (Array.isArray(x)) {
    for (const v of x) collectStorages(v, into);
  } else if (isPlainObject(x)) {
    for (const v of Object.values(x)) collectStorages(v, into);
  }
};

const isPlainObject = (x: unknown): x is Record<string, unknown> => {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
};

const isThenable = (x: unknown): boolean =>
  typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function';
