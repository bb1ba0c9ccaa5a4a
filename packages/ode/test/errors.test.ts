import { describe, expect, it } from 'vitest';
import { neg } from '@hamiltonian/autodiff';
import * as ode from '../src/index.js';

const decay = ode.ODEProblem((u) => neg(u), [1, 2], [0, 1]);
const oscillator = ode.SecondOrderODEProblem((_v, u) => neg(u), [0], [1], [0, 1]);

describe('invalid problems fail before the first step', () => {
  it('a reversed tspan with a positive dt says to negate dt', () => {
    const prob = ode.ODEProblem((u) => neg(u), [1], [1, 0]);
    expect(() => ode.solve(prob, ode.RK4(), { dt: 0.1 })).toThrow(ode.ODEInputError);
    expect(() => ode.solve(prob, ode.RK4(), { dt: 0.1 })).toThrow(/dt = -0.1/);
  });

  it('a forward tspan with a negative dt is refused', () => {
    expect(() => ode.solve(decay, ode.RK4(), { dt: -0.1 })).toThrow(/points the other way/);
  });

  it('NaN, empty or non-numeric u0 is refused with the index', () => {
    expect(() => ode.ODEProblem((u) => u, [1, NaN], [0, 1])).toThrow(/flat index 1/);
    expect(() => ode.ODEProblem((u) => u, [], [0, 1])).toThrow(/empty/);
    expect(() => ode.ODEProblem((u) => u, 'x' as never, [0, 1])).toThrow(/u0 must be/);
  });

  it('a bad tspan is refused', () => {
    expect(() => ode.ODEProblem((u) => u, [1], [0, Infinity])).toThrow(/tspan/);
    expect(() => ode.ODEProblem((u) => u, [1], [0] as never)).toThrow(/tspan/);
  });

  it('f returning the wrong size names what came back', () => {
    const prob = ode.ODEProblem(() => [1, 2, 3], [1, 2], [0, 1]);
    expect(() => ode.solve(prob, ode.Tsit5())).toThrow(/expected 2 values/);
  });

  it('an unknown option is refused, with a suggestion for snake_case names', () => {
    expect(() => ode.solve(decay, ode.Tsit5(), { save_everystep: false } as never)).toThrow(
      /did you mean "saveEverystep"/,
    );
    expect(() => ode.solve(decay, ode.Tsit5(), { tolerance: 1 } as never)).toThrow(
      /unknown option/,
    );
  });

  it('bad option values are refused', () => {
    expect(() => ode.solve(decay, ode.Tsit5(), { reltol: -1 })).toThrow(/reltol/);
    expect(() => ode.solve(decay, ode.Tsit5(), { saveat: [0.5, NaN] })).toThrow(/saveat/);
    expect(() => ode.solve(decay, ode.Tsit5(), { callback: {} as never })).toThrow(/callback/);
  });

  it('fixed-step methods without dt say how to pass one', () => {
    expect(() => ode.solve(decay, ode.Euler())).toThrow(/needs a dt option/);
    expect(() => ode.solve(oscillator, ode.McAte4())).toThrow(/needs a dt option/);
    expect(() => ode.solve(decay, ode.RK4(), { adaptive: true, dt: 0.1 })).toThrow(
      /no error estimate/,
    );
  });

  it('symplectic methods need a partitioned problem', () => {
    expect(() => ode.solve(decay, ode.VelocityVerlet(), { dt: 0.1 })).toThrow(
      /needs a DynamicalODEProblem/,
    );
  });

  it('forgetting to call the algorithm constructor is explained', () => {
    expect(() => ode.solve(decay, ode.Tsit5 as never)).toThrow(/note the call/);
  });

  it('at() outside the solved span is refused', () => {
    const sol = ode.solve(decay, ode.Tsit5());
    expect(() => sol.at(2)).toThrow(/outside the solved span/);
  });
});
