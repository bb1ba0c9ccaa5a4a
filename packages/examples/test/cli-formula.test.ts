import { describe, expect, it } from 'vitest';
import '@hamiltonian/testing';
import { add, cos, div, mul, slice, reshape, square, sub, type Value } from '@hamiltonian/autodiff';
import { symplecticGradient } from '@hamiltonian/hnn';
import { random, type Tensor } from '@hamiltonian/tensor';
import { compileHamiltonian } from '../src/formula/compile.js';
import { FormulaError } from '../src/formula/errors.js';
import { checkCoordinates, inferCoordinates } from '../src/formula/coordinates.js';

const column = (x: Value, i: number): Value => {
  const b = x.shape[0] as number;
  return reshape(slice(x, [0, i], [b, 1]), [b]);
};

// H = p^2/2 + (1 - cos q), written with autodiff ops by hand.
const pendulum = (x: Value): Value => add(div(square(column(x, 1)), 2), sub(1, cos(column(x, 0))));

// Two unit masses between walls, coupled by a unit spring:
// H = (p1^2 + p2^2)/2 + (q1^2 + q2^2 + (q1 - q2)^2)/2, state (q1, q2, p1, p2).
const coupled = (x: Value): Value => {
  const [q1, q2, p1, p2] = [0, 1, 2, 3].map((i) => column(x, i)) as [Value, Value, Value, Value];
  const kinetic = div(add(square(p1), square(p2)), 2);
  const potential = div(add(add(square(q1), square(q2)), square(sub(q1, q2))), 2);
  return add(kinetic, potential);
};

const states = (width: number, seed: number): Tensor =>
  random.uniform(random.key(seed), [64, width], { min: -2, max: 2 });

describe('compileHamiltonian', () => {
  it('gives the pendulum the same energy and vector field as the hand-written one', () => {
    const { H, coords } = compileHamiltonian('p^2/2 + (1 - cos(q))');
    expect(coords).toEqual(['q', 'p']);
    const x = states(2, 1);
    // Same operations on the same numbers, in a different order: equal to rounding.
    expect(H(x) as Tensor).toBeAllClose(pendulum(x) as Tensor, { rtol: 1e-15, atol: 1e-15 });
    const field = symplecticGradient(H)(x);
    expect(field as Tensor).toBeAllClose(symplecticGradient(pendulum)(x) as Tensor, {
      rtol: 1e-14,
      atol: 1e-15,
    });
  });

  it('gives two coupled oscillators the hand-written field, with coordinates inferred', () => {
    const { H, coords } = compileHamiltonian('p1^2/2 + p2^2/2 + (q1^2 + q2^2 + (q1 - q2)^2)/2');
    expect(coords).toEqual(['q1', 'q2', 'p1', 'p2']);
    const x = states(4, 2);
    expect(H(x) as Tensor).toBeAllClose(coupled(x) as Tensor, { rtol: 1e-15, atol: 1e-15 });
    expect(symplecticGradient(H)(x) as Tensor).toBeAllClose(
      symplecticGradient(coupled)(x) as Tensor,
      {
        rtol: 1e-14,
        atol: 1e-15,
      },
    );
  });

  it('has the closed-form field of the coupled oscillators: dp1/dt = -(2 q1 - q2)', () => {
    const { H } = compileHamiltonian('(p1^2 + p2^2)/2 + (q1^2 + q2^2 + (q1 - q2)^2)/2');
    const x = states(4, 3);
    const rows = Array.from({ length: 64 }, (_, i) => {
      const [q1, q2, p1, p2] = Array.from(x.data.subarray(4 * i, 4 * i + 4) as Float64Array);
      return [p1!, p2!, -(2 * q1! - q2!), -(2 * q2! - q1!)];
    });
    expect(symplecticGradient(H)(x) as Tensor).toBeAllClose(rows, { rtol: 1e-14, atol: 1e-14 });
  });

  it('uses given coordinates and named constants', () => {
    const { H, coords } = compileHamiltonian('p^2/(2*m) + k*x^2/2', {
      coords: ['x', 'p'],
      params: { k: 4, m: 2 },
    });
    expect(coords).toEqual(['x', 'p']);
    const x = states(2, 4);
    const expected = Array.from({ length: 64 }, (_, i) => {
      const [q, p] = [x.data[2 * i] as number, x.data[2 * i + 1] as number];
      return (p * p) / 4 + 2 * q * q;
    });
    expect(H(x) as Tensor).toBeAllClose(expected, { rtol: 1e-15, atol: 1e-15 });
  });

  it('evaluates a constant formula to one energy per state', () => {
    const { H } = compileHamiltonian('2 + 0*q + 0*p');
    expect((H(states(2, 5)) as Tensor).shape).toEqual([64]);
  });

  it('names an unknown symbol and says how to declare it', () => {
    expect(() => compileHamiltonian('p^2/2 + k*q^2', { coords: ['q', 'p'] })).toThrow(
      /unknown symbol "k".*--param NAME=VALUE/,
    );
    expect(() => compileHamiltonian('p^2 + x^2')).toThrow(FormulaError);
  });

  it('rejects formulas that are not one scalar', () => {
    expect(() => compileHamiltonian('[q, p]')).toThrow(/vector or matrix.*one scalar/);
    expect(() => compileHamiltonian('H = q^2', { coords: ['q', 'p'] })).toThrow(/assignment/);
    expect(() => compileHamiltonian('q > p', { coords: ['q', 'p'] })).toThrow(
      /operator "> \(larger\)"/,
    );
    expect(() => compileHamiltonian('q; p', { coords: ['q', 'p'] })).toThrow(/several/);
  });

  it('names an unknown function and a syntax error', () => {
    expect(() => compileHamiltonian('foo(q) + p^2')).toThrow(/unknown function.*"foo"/);
    expect(() => compileHamiltonian('p^2 + (q')).toThrow(/not a formula mathjs can read/);
  });
});

describe('coordinates', () => {
  it('pairs q and p by suffix in numeric order', () => {
    expect(inferCoordinates(['p10', 'q2', 'q10', 'p2'])).toEqual(['q2', 'q10', 'p2', 'p10']);
  });

  it('rejects coordinates that do not pair up', () => {
    expect(() => checkCoordinates(['q1', 'q2', 'p1'])).toThrow(/3 coordinates .* do not pair up/);
    expect(() => checkCoordinates(['q1', 'q2', 'p2', 'p1'])).toThrow(/q1 is paired with .*p2/);
    expect(() => checkCoordinates(['q', 'q'])).toThrow(/appears twice/);
    expect(() => inferCoordinates(['q1', 'q2', 'p1'])).toThrow(/q2 has no momentum p2/);
    expect(() => compileHamiltonian('q1^2 + p1^2 + q2^2')).toThrow(/q2 has no momentum/);
  });

  it('accepts other names when positions come first', () => {
    expect(checkCoordinates(['x', 'y', 'px', 'py'])).toEqual(['x', 'y', 'px', 'py']);
  });
});

describe('formula vector field', () => {
  it('matches a central difference of H in a random direction', () => {
    const { H } = compileHamiltonian('2*(1 - cos(q)) + p^2 + q^3*p/3');
    const x = states(2, 6);
    const d = states(2, 7);
    const h = 1e-5;
    const plus = H(add(x, mul(d, h))) as Tensor;
    const minus = H(sub(x, mul(d, h))) as Tensor;
    const field = symplecticGradient(H)(x) as Tensor;
    for (let i = 0; i < 64; i++) {
      // grad H = (-dp/dt, dq/dt); the directional derivative is grad H . d.
      const [dqdt, dpdt] = [field.data[2 * i] as number, field.data[2 * i + 1] as number];
      const exact = -dpdt * (d.data[2 * i] as number) + dqdt * (d.data[2 * i + 1] as number);
      const fd = ((plus.data[i] as number) - (minus.data[i] as number)) / (2 * h);
      expect(fd).toBeCloseTo(exact, 7);
    }
  });
});
