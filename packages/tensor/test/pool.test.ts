import '@hamiltonian/testing';
import { describe, expect, it } from 'vitest';
import * as T from '../src/index.js';

describe('scope', () => {
  it('returns its result intact and disposes the temporaries', () => {
    const x = T.ones([4]);
    let temp: T.Tensor | undefined;
    const y = T.scope(() => {
      temp = T.add(x, 1);
      return T.mul(temp, 3);
    });
    expect(y).toBeAllClose([6, 6, 6, 6]);
    expect(temp?.disposed).toBe(true);
    expect(() => temp?.data).toThrow(
      'tensor used after its scope ended (shape [4]): return it from the scope function or ' +
        'keep() it',
    );
    expect(x.disposed).toBe(false);
  });

  it('reuses released storage for later allocations of the same size and dtype', () => {
    T.clearPool();
    let first: T.Storage | undefined;
    T.scope(() => {
      first = T.zeros([8]).data;
    });
    expect(T.pooledCount().float64).toBe(1);
    const again = T.scope(() => T.keep(T.full([8], 2)));
    expect(again.data).toBe(first);
    expect(again).toBeAllClose(T.full([8], 2));
    expect(T.pooledCount().float64).toBe(0);
    const other = T.scope(() => T.zeros([8], { dtype: 'float32' }));
    expect(other.data).not.toBe(first);
  });

  it('keeps everything a pytree result reaches, including views', () => {
    const out = T.scope(() => {
      const a = T.ones([2, 2]);
      const b = T.reshape(T.add(a, 1), [4]);
      return { a, nested: [b, { c: T.sum(a) }], label: 'x' };
    });
    expect(out.a).toBeAllClose(T.ones([2, 2]));
    expect(out.nested[0]).toBeAllClose([2, 2, 2, 2]);
  });

  it('does not release storage a surviving view shares', () => {
    const view = T.scope(() => T.reshape(T.ones([4]), [2, 2]));
    T.scope(() => T.zeros([4]));
    expect(view).toBeAllClose(T.ones([2, 2]));
  });

  it('never releases tensors created outside it, even through views made inside', () => {
    const x = T.ones([3]);
    T.scope(() => {
      T.reshape(x, [3, 1]);
    });
    T.scope(() => T.zeros([3]));
    expect(x).toBeAllClose([1, 1, 1]);
  });

  it('keep exempts a tensor from every enclosing scope', () => {
    let kept: T.Tensor | undefined;
    T.scope(() => {
      T.scope(() => {
        kept = T.keep(T.full([2], 5));
      });
    });
    expect(kept).toBeAllClose([5, 5]);
  });

  it('nests: an inner result belongs to the outer scope until that one ends', () => {
    let inner: T.Tensor | undefined;
    const outer = T.scope(() => {
      inner = T.scope(() => T.full([2], 1));
      expect(inner.disposed).toBe(false);
      return T.add(inner, 1);
    });
    expect(inner?.disposed).toBe(true);
    expect(outer).toBeAllClose([2, 2]);
  });

  it('releases everything when the function throws', () => {
    let temp: T.Tensor | undefined;
    expect(() =>
      T.scope(() => {
        temp = T.ones([2]);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(temp?.disposed).toBe(true);
  });

  it('rejects asynchronous functions', () => {
    expect(() => T.scope(async () => T.ones([1]))).toThrow(/scopes only support synchronous/);
  });

  it('pools nothing outside a scope', () => {
    T.clearPool();
    T.add(T.ones([16]), 1);
    expect(T.pooledCount()).toEqual({ float64: 0, float32: 0 });
  });
});
