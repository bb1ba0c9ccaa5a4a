import { describe, expect, it } from 'vitest';
import '@hamiltonian/testing';
import { SPRING_OMEGA, springData, springHamiltonian } from '../src/index.js';

describe('springData', () => {
  it('samples 1024 times from 0 to 1 inclusive as [1024, 2] rows', () => {
    const { t, data, target } = springData();
    expect(t.shape).toEqual([1024]);
    expect(data.shape).toEqual([1024, 2]);
    expect(target.shape).toEqual([1024, 2]);
    expect(t.data[0]).toBe(0);
    expect(t.data[1023]).toBe(1);
    expect(t.data[1]).toBeCloseTo(1 / 1023, 15);
  });

  it('puts q = sin 2πt in the first column and p = cos 2πt in the second', () => {
    const { t, data } = springData(5);
    const ts = Array.from(t.data);
    const expected = ts.map((ti) => [Math.sin(2 * Math.PI * ti), Math.cos(2 * Math.PI * ti)]);
    // The same formula in the same order: equal to the last bit.
    expect(data).toBeAllClose(expected, { rtol: 0, atol: 0 });
    expect(ts).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('makes the targets (2πp, -2πq), the symplectic gradient of the spring energy', () => {
    const { data, target } = springData(64);
    const h = 1e-6;
    for (let i = 0; i < 64; i++) {
      const [q, p] = [data.data[2 * i] as number, data.data[2 * i + 1] as number];
      expect(target.data[2 * i]).toBe(SPRING_OMEGA * p);
      expect(target.data[2 * i + 1]).toBe(-SPRING_OMEGA * q);
      // Central differences of H = ω (q² + p²) / 2: exact for a quadratic up to rounding.
      const dHdp = (springHamiltonian(q, p + h) - springHamiltonian(q, p - h)) / (2 * h);
      const dHdq = (springHamiltonian(q + h, p) - springHamiltonian(q - h, p)) / (2 * h);
      expect(target.data[2 * i]).toBeCloseTo(dHdp, 8);
      expect(target.data[2 * i + 1]).toBeCloseTo(-dHdq, 8);
    }
  });

  it('gives the spring the energy π all along the orbit', () => {
    const { data } = springData(32);
    for (let i = 0; i < 32; i++) {
      const H = springHamiltonian(data.data[2 * i] as number, data.data[2 * i + 1] as number);
      expect(H).toBeCloseTo(Math.PI, 14);
    }
  });

  it('rejects fewer than two samples or a fractional count, naming the value', () => {
    expect(() => springData(1)).toThrow(/n must be an integer >= 2.*got 1/);
    expect(() => springData(10.5)).toThrow(/got 10.5/);
  });
});
