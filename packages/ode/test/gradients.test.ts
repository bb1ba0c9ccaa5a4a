/**
 * Gradients through `solve` (discrete sensitivity): autodiff of the steps actually taken,
 * compared with closed forms and with central differences of the same fixed-step solve.
 */
import '@hamiltonian/testing';
import { describe, expect, it } from 'vitest';
import { add, grad, jvp, mul, neg, sin, square, sub, sum, type Value } from '@hamiltonian/autodiff';
import { scalar, tensorOrThrow, type Tensor } from '@hamiltonian/tensor';
import * as ode from '../src/index.js';

const num = (x: unknown): number => (x as Tensor).data[0] as number;
const arr = (x: unknown): number[] => Array.from((x as Tensor).data);

/** Central differences of a scalar function of a vector. */
const fdGrad = (f: (x: number[]) => number, x: number[], h = 1e-6): number[] =>
  x.map((_, i) => {
    const xp = x.slice();
    const xm = x.slice();
    xp[i] = (xp[i] as number) + h;
    xm[i] = (xm[i] as number) - h;
    return (f(xp) - f(xm)) / (2 * h);
  });

const lastState = (sol: ode.ODESolution): Value => sol.u[sol.u.length - 1] as Value;

describe('gradients through solve', () => {
  // u' = -k u: u(T) = u0 exp(-k T), d/du0 = exp(-k T), d/dk = -T u0 exp(-k T).
  const T = 2;
  const decayEnd = (u0: Value | number, k: Value | number): Value => {
    const prob = ode.ODEProblem((u, kk: Value | number) => mul(u, neg(kk)), u0, [0, T], k);
    return sum(lastState(ode.solve(prob, ode.Tsit5(), { reltol: 1e-10, abstol: 1e-12 })));
  };

  it('with respect to u0 and p match the closed form (adaptive Tsit5)', () => {
    const [u0, k] = [tensorOrThrow([1.5]), scalar(0.7)];
    const gu0 = grad((x: Value) => decayEnd(x, k))(u0);
    const gk = grad((kk: Value) => decayEnd(u0, kk))(k);
    // The discrete solution is within ~1e-10 of the exact one, and so is its derivative.
    expect(num(gu0)).toBeCloseTo(Math.exp(-0.7 * T), 8);
    expect(num(gk)).toBeCloseTo(-T * 1.5 * Math.exp(-0.7 * T), 8);
  });

  it('match central differences of the same fixed-step solve for a nonlinear system', () => {
    // Damped pendulum with parameters [damping, gravity].
    const f = (u: Value, prm: Value) => {
      const th = sum(mul(u, tensorOrThrow([1, 0])));
      const om = sum(mul(u, tensorOrThrow([0, 1])));
      const [c, g] = [sum(mul(prm, tensorOrThrow([1, 0]))), sum(mul(prm, tensorOrThrow([0, 1])))];
      const dom = sub(neg(mul(c, om)), mul(g, sin(th)));
      return add(mul(om, tensorOrThrow([1, 0])), mul(dom, tensorOrThrow([0, 1])));
    };
    const loss = (u0: Value | number[], prm: Value | number[]) => {
      const prob = ode.ODEProblem(f, u0 as Value, [0, 3], prm as Value);
      const end = lastState(ode.solve(prob, ode.RK4(), { dt: 0.05 }));
      return sum(square(sub(end, tensorOrThrow([0.2, -0.1]))));
    };
    const u0 = [1, 0.3];
    const prm = [0.4, 9.81];
    const numeric = (a: number[], b: number[]) => num(loss(tensorOrThrow(a), tensorOrThrow(b)));
    const gu = grad((x: Value) => loss(x, tensorOrThrow(prm)))(tensorOrThrow(u0));
    const gp = grad((x: Value) => loss(tensorOrThrow(u0), x))(tensorOrThrow(prm));
    // Central differences with h = 1e-6 carry O(h^2) truncation and O(eps / h) roundoff:
    // about 1e-10 relative, so 1e-6 is generous but meaningful.
    expect(arr(gu)).toBeAllClose(
      fdGrad((a) => numeric(a, prm), u0),
      { rtol: 1e-6, atol: 1e-8 },
    );
    expect(arr(gp)).toBeAllClose(
      fdGrad((b) => numeric(u0, b), prm),
      { rtol: 1e-6, atol: 1e-8 },
    );
  });

  it('flow to values the vector field closes over', () => {
    const w = tensorOrThrow([0.5]);
    const end = (ww: Value) => {
      const prob = ode.ODEProblem((u) => mul(u, neg(ww)), [1], [0, 1]);
      return sum(lastState(ode.solve(prob, ode.DP5(), { reltol: 1e-10, abstol: 1e-12 })));
    };
    expect(num(grad(end)(w))).toBeCloseTo(-Math.exp(-0.5), 8);
  });

  it('nest: the second derivative in k of u(T) = exp(-k T) is T^2 exp(-k T)', () => {
    const end = (k: Value) => decayEnd(1, k);
    const second = grad(grad(end))(scalar(0.3));
    expect(num(second)).toBeCloseTo(T * T * Math.exp(-0.3 * T), 6);
  });

  it('forward mode agrees with reverse mode', () => {
    const u0 = tensorOrThrow([1.5]);
    const [, tangent] = jvp((k: Value) => decayEnd(u0, k), [scalar(0.7)], [scalar(1)]);
    const reverse = grad((k: Value) => decayEnd(u0, k))(scalar(0.7));
    expect(num(tangent)).toBeCloseTo(num(reverse), 10);
  });

  it('flow through saveat interpolation and toTensor', () => {
    const loss = (k: Value) => {
      const prob = ode.ODEProblem((u, kk: Value) => mul(u, neg(kk)), [1], [0, 1], k);
      const sol = ode.solve(prob, ode.Tsit5(), { saveat: [0.25, 0.5, 0.75], reltol: 1e-10 });
      return sum(sol.toTensor());
    };
    const k = 0.8;
    // d/dk sum_t exp(-k t) = -sum_t t exp(-k t).
    const expected = -[0.25, 0.5, 0.75].reduce((s, t) => s + t * Math.exp(-k * t), 0);
    expect(num(grad(loss)(scalar(k)))).toBeCloseTo(expected, 7);
  });

  it('flow through a symplectic method on a Hamiltonian problem', () => {
    // Oscillator H = (p^2 + w^2 q^2) / 2; gradient of q(T) with respect to (p0, q0).
    const H = (p: Value, q: Value, w: number) =>
      add(mul(0.5, sum(square(p))), mul(0.5 * w * w, sum(square(q))));
    const qEnd = (p0: Value | number[], q0: Value | number[]) => {
      const prob = ode.HamiltonianProblem(H, p0 as Value, q0 as Value, [0, 1], 2);
      const end = lastState(ode.solve(prob, ode.McAte4(), { dt: 0.01 }));
      return sum(mul(end, tensorOrThrow([0, 1])));
    };
    const gp = grad((p: Value) => qEnd(p, tensorOrThrow([1])))(tensorOrThrow([0.5]));
    const gq = grad((q: Value) => qEnd(tensorOrThrow([0.5]), q))(tensorOrThrow([1]));
    // q(T) = q0 cos(wT) + p0 sin(wT) / w, to the method's accuracy at dt = 0.01.
    expect(num(gp)).toBeCloseTo(Math.sin(2) / 2, 6);
    expect(num(gq)).toBeCloseTo(Math.cos(2), 6);
  });

  it('HamiltonianProblem follows dq/dt = dH/dp and dp/dt = -dH/dq', () => {
    // H = p^2/2 + q^2/2 from (p, q) = (0, 1): q = cos t, p = -sin t; states are [p; q].
    const H = (p: Value, q: Value) => add(mul(0.5, sum(square(p))), mul(0.5, sum(square(q))));
    const prob = ode.HamiltonianProblem(H, [0], [1], [0, 1]);
    const sol = ode.solve(prob, ode.Tsit5(), { reltol: 1e-10, abstol: 1e-10 });
    expect(arr(lastState(sol))).toBeAllClose([-Math.sin(1), Math.cos(1)], { atol: 1e-8 });
  });

  it('a callback that changes u while differentiating is refused with a reason', () => {
    const bounce = ode.ContinuousCallback(
      (u) => (u[0] as number) - 0.5,
      (i) => {
        i.u[0] = 1;
      },
    );
    const loss = (k: Value) => {
      const prob = ode.ODEProblem((u, kk: Value) => mul(u, neg(kk)), [1], [0, 2], k);
      return sum(lastState(ode.solve(prob, ode.Tsit5(), { callback: bounce })));
    };
    expect(() => grad(loss)(scalar(1))).toThrow(ode.ODEUnsupportedError);
  });
});
