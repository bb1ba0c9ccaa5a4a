import '@hamiltonian/testing';
import { eye, matmul, mul, random, transpose, type Tensor } from '@hamiltonian/tensor';
import { describe, expect, it } from 'vitest';
import {
  NNError,
  fans,
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  orthogonal,
  zeros,
} from '../src/index.js';

// 256 x 512 weights: fanIn 512, fanOut 256, N = 131072 samples.
const shape = [256, 512];
const N = 256 * 512;
const k = random.key(42);

const moments = (t: Tensor): { mean: number; variance: number; maxAbs: number } => {
  const d = t.data;
  let s = 0;
  let s2 = 0;
  let maxAbs = 0;
  for (const v of d) {
    s += v;
    s2 += v * v;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  return { mean: s / d.length, variance: s2 / d.length, maxAbs };
};

describe('fans', () => {
  it('reads [out, in] as fanIn in, fanOut out, as Flux does', () => {
    expect(fans([64, 2])).toEqual([2, 64]);
    expect(fans([5])).toEqual([1, 5]);
    expect(fans([8, 3, 2, 2])).toEqual([12, 32]);
  });
});

describe('Glorot and He initialisers', () => {
  // The mean of w^2 estimates the variance s^2. Its standard error is s^2 sqrt(0.8 / N) for a
  // uniform and s^2 sqrt(2 / N) for a normal: 0.0025 and 0.0039 relative. Five standard errors
  // give the tolerances below; the mean's is 5 s / sqrt(N).
  const uniformRtol = 5 * Math.sqrt(0.8 / N);
  const normalRtol = 5 * Math.sqrt(2 / N);

  it('glorotUniform stays within +-sqrt(6 / (fanIn + fanOut)) with variance a^2 / 3', () => {
    const a = Math.sqrt(6 / (512 + 256));
    const m = moments(glorotUniform(k, shape));
    expect(m.maxAbs).toBeLessThanOrEqual(a);
    expect(m.maxAbs).toBeGreaterThan(0.999 * a);
    expect(m.variance).toBeAllClose(a ** 2 / 3, { rtol: uniformRtol });
    expect(m.mean).toBeAllClose(0, { atol: (5 * a) / Math.sqrt(3 * N) });
  });

  it('glorotNormal has variance 2 / (fanIn + fanOut)', () => {
    const v = 2 / (512 + 256);
    const m = moments(glorotNormal(k, shape));
    expect(m.variance).toBeAllClose(v, { rtol: normalRtol });
    expect(m.mean).toBeAllClose(0, { atol: 5 * Math.sqrt(v / N) });
  });

  it('heUniform stays within +-sqrt(6 / fanIn) with variance 2 / fanIn', () => {
    const a = Math.sqrt(6 / 512);
    const m = moments(heUniform(k, shape));
    expect(m.maxAbs).toBeLessThanOrEqual(a);
    expect(m.variance).toBeAllClose(2 / 512, { rtol: uniformRtol });
  });

  it('heNormal has variance 2 / fanIn', () => {
    const m = moments(heNormal(k, shape));
    expect(m.variance).toBeAllClose(2 / 512, { rtol: normalRtol });
    expect(m.mean).toBeAllClose(0, { atol: 5 * Math.sqrt(2 / 512 / N) });
  });

  it('scale with gain and honour dtype', () => {
    const a = 3 * Math.sqrt(6 / (512 + 256));
    expect(moments(glorotUniform(k, shape, { gain: 3 })).maxAbs).toBeGreaterThan(0.999 * a);
    expect(glorotUniform(k, [3, 2], { dtype: 'float32' }).dtype).toBe('float32');
    expect(heNormal(k, [3, 2], { dtype: 'float32' }).dtype).toBe('float32');
    expect(() => glorotUniform(k, [3, 2], { gain: -1 })).toThrow(
      'glorotUniform: gain must be a finite number >= 0, got -1',
    );
  });

  it('are functions of the key', () => {
    expect(glorotUniform(k, [4, 4])).toBeAllClose(glorotUniform(k, [4, 4]), { rtol: 0 });
    const other = glorotUniform(random.key(43), [4, 4]);
    expect(Array.from(other.data)).not.toEqual(Array.from(glorotUniform(k, [4, 4]).data));
  });
});

describe('orthogonal', () => {
  // Gram-Schmidt twice keeps orthogonality to a few ulps times the dimension.
  const atol = 1e-13;

  it('gives orthonormal columns for a tall matrix: QᵀQ = I', () => {
    const q = orthogonal(k, [64, 32]);
    expect(matmul(transpose(q), q)).toBeAllClose(eye(32), { atol });
  });

  it('gives orthonormal rows for a wide matrix: QQᵀ = I', () => {
    const q = orthogonal(k, [16, 48]);
    expect(matmul(q, transpose(q))).toBeAllClose(eye(16), { atol });
  });

  it('gives an orthogonal square matrix scaled by gain', () => {
    const q = orthogonal(k, [20, 20], { gain: 2 });
    expect(matmul(transpose(q), q)).toBeAllClose(mul(eye(20), 4), { atol: 4 * atol });
  });

  it('needs a matrix', () => {
    expect(() => orthogonal(k, [5])).toThrow(NNError);
    expect(() => orthogonal(k, [5])).toThrow('orthogonal: needs a shape of rank 2 or more');
  });
});

describe('zeros', () => {
  it('fills with zeros in the requested dtype', () => {
    const z = zeros(k, [2, 3], { dtype: 'float32' });
    expect(z.dtype).toBe('float32');
    expect(z).toBeAllClose([
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });
});
