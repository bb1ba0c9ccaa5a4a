import { describe, expect, it } from 'vitest';
import { mul, neg } from '@hamiltonian/autodiff';
import { DP5, ODEProblem, Tsit5, solve } from '../src/index.js';
import { Tensor } from '@hamiltonian/tensor';

describe('smoke', () => {
  it('solves decay', () => {
    const prob = ODEProblem((u) => neg(u), [1], [0, 1]);
    const sol = solve(prob, Tsit5(), { reltol: 1e-8, abstol: 1e-10 });
    const end = sol.u[sol.u.length - 1] as Tensor;
    expect(Math.abs((end.data[0] as number) - Math.exp(-1))).toBeLessThan(1e-8);
    console.log(sol.retcode, sol.stats, sol.t.length);
    const s2 = solve(ODEProblem((u, k: number) => mul(u, -k), [1], [0, 1], 1), DP5());
    console.log(s2.stats, (s2.at(0.5) as Tensor).data[0], Math.exp(-0.5));
  });
});
