/**
 * The tutorial's data set: a unit spring-mass system sampled along one period of its orbit.
 */
import { fromTypedArray, type Tensor } from '@hamiltonian/tensor';

/** The tutorial's angular frequency: q = sin(2πt) and p = cos(2πt) make one turn on [0, 1]. */
export const SPRING_OMEGA = 2 * Math.PI;

/** Samples of the spring's phase-space orbit and their time derivatives. */
export interface SpringData {
  /** The sample times, `n` of them from 0 to 1 inclusive, shape [n]. */
  readonly t: Tensor;
  /** One row (q, p) per time, shape [n, 2]. */
  readonly data: Tensor;
  /** One row (dq/dt, dp/dt) = (ω p, -ω q) per time, shape [n, 2]. */
  readonly target: Tensor;
}

/**
 * The tutorial's training set: `n` times evenly spaced over [0, 1] inclusive, positions
 * q = sin(ωt), momenta p = cos(ωt) and the derivatives the HNN should predict, dq/dt = ωp and
 * dp/dt = -ωq, with ω = 2π. Rows are samples (row-major, batch first): the transpose of the
 * Julia tutorial's [2, n] arrays.
 *
 * Pitfall: the Julia tutorial computes in float32; these are float64, so losses agree with it
 * in magnitude, not digit for digit.
 *
 * @example
 * const { t, data, target } = springData(1024);
 * data.shape; // [1024, 2]
 */
export const springData = (n = 1024): SpringData => {
  if (!Number.isSafeInteger(n) || n < 2) {
    throw new RangeError(`springData: n must be an integer >= 2 (both ends of [0, 1]), got ${n}`);
  }
  const t = new Float64Array(n);
  const data = new Float64Array(2 * n);
  const target = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    // i / (n - 1) rather than a running sum, so the last time is exactly 1.
    const ti = i / (n - 1);
    const q = Math.sin(SPRING_OMEGA * ti);
    const p = Math.cos(SPRING_OMEGA * ti);
    t[i] = ti;
    data.set([q, p], 2 * i);
    target.set([SPRING_OMEGA * p, -SPRING_OMEGA * q], 2 * i);
  }
  return {
    t: fromTypedArray(t, [n]),
    data: fromTypedArray(data, [n, 2]),
    target: fromTypedArray(target, [n, 2]),
  };
};

/**
 * The spring's true energy in the tutorial's units, H = ω (q² + p²) / 2: the Hamiltonian whose
 * symplectic gradient (∂H/∂p, -∂H/∂q) = (ωp, -ωq) is the tutorial's target.
 *
 * @example
 * springHamiltonian(0, 1); // π
 */
export const springHamiltonian = (q: number, p: number): number =>
  (SPRING_OMEGA * (q * q + p * p)) / 2;
