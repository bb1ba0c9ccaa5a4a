import '@hamiltonian/testing';
import { describe, expect, it } from 'vitest';
import * as sy from '../src/symplectic/index.js';
import * as rk from '../src/tableaus/index.js';
import { checkSymplecticTableau, checkTableau } from '../src/index.js';

const rkTableaus = [
  rk.EULER_TABLEAU,
  rk.MIDPOINT_TABLEAU,
  rk.HEUN_TABLEAU,
  rk.RK4_TABLEAU,
  rk.BS3_TABLEAU,
  rk.DP5_TABLEAU,
  rk.TSIT5_TABLEAU,
  rk.VERN7_TABLEAU,
];

const symplecticTableaus = [
  sy.SYMPLECTIC_EULER_TABLEAU,
  sy.VELOCITY_VERLET_TABLEAU,
  sy.VERLET_LEAPFROG_TABLEAU,
  sy.CANDY_ROZ4_TABLEAU,
  sy.MCATE4_TABLEAU,
  sy.MCATE5_TABLEAU,
  sy.YOSHIDA6_TABLEAU,
  sy.KAHAN_LI8_TABLEAU,
];

describe('Runge-Kutta tableaus', () => {
  it.each(rkTableaus.map((t) => [t.name, t] as const))(
    '%s is consistent: rows of a sum to c, b sums to 1, bTilde to 0',
    (_, tab) => {
      // Coefficients are double roundings of exact values: a few ulps of slack, no more.
      expect(checkTableau(tab)).toBeLessThan(1e-14);
      expect(tab.a.length).toBe(tab.b.length);
      expect(tab.c.length).toBe(tab.b.length);
      tab.a.forEach((row, i) => expect(row.length).toBeLessThanOrEqual(i));
    },
  );

  it('Tsit5 interpolant ends at the step: b_i(1) equals b_i', () => {
    const { coeffs } = rk.TSIT5_TABLEAU.interpolant as unknown as { coeffs: number[][] };
    const atOne = coeffs.map((row) => row.reduce((s, x) => s + x, 0));
    // The rows cancel terms near 88 in size: a few ulps of 88 is about 1e-14 each.
    expect(atOne).toBeAllClose(rk.TSIT5_TABLEAU.b as number[], { atol: 1e-13 });
  });

  it('DP5 dense-output weights d sum to zero, so the interpolant keeps consistency', () => {
    const { d } = rk.DP5_TABLEAU.interpolant as unknown as { d: number[] };
    expect(Math.abs(d.reduce((s, x) => s + x, 0))).toBeLessThan(1e-14);
  });
});

describe('symplectic tableaus', () => {
  it.each(symplecticTableaus.map((t) => [t.name, t] as const))(
    '%s has kicks and drifts that each sum to 1',
    (_, tab) => {
      expect(checkSymplecticTableau(tab)).toBeLessThan(1e-14);
    },
  );

  it('compositions are symmetric: drift weights read the same backwards', () => {
    for (const tab of [sy.YOSHIDA6_TABLEAU, sy.KAHAN_LI8_TABLEAU]) {
      expect([...tab.drift].reverse()).toBeAllClose(tab.drift as number[], { atol: 0 });
    }
  });
});
