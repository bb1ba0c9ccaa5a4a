/**
 * OrdinaryDiffEq's PI step-size controller, reproduced so that step counts match
 * DifferentialEquations.jl.
 *
 * With the error estimate E of the current step and the accepted estimate `qold` of the last
 * one, the step is divided by q = E^beta1 / qold^beta2 / gamma, clipped to [1/qmax, 1/qmin]. The
 * integral part (beta1) reacts to this step's error; the proportional part (beta2) damps the
 * oscillation of a pure I controller on problems whose error constant varies along the path.
 * Defaults: beta1 = 7/(10 p), beta2 = 2/(5 p) for a method of order p, gamma = 0.9, qmin = 1/5,
 * qmax = 10, qold initialised to 1e-4 (which makes the first accepted step grow freely).
 */

/**
 * x^y for x > 0 as exp(y log x): twice as fast as Math.pow here, and like OrdinaryDiffEq's
 * `fastpower` it trades the last ulps, which a step-size heuristic does not need.
 */
const power = (x: number, y: number): number => Math.exp(y * Math.log(x));

/** Parameters of the PI controller. */
export interface PIParams {
  readonly beta1: number;
  readonly beta2: number;
  readonly gamma: number;
  readonly qmin: number;
  readonly qmax: number;
  readonly qoldinit: number;
}

/** OrdinaryDiffEq's defaults for a method of the given order. */
export const defaultPIParams = (order: number): PIParams => ({
  beta1: 7 / (10 * order),
  beta2: 2 / (5 * order),
  gamma: 9 / 10,
  qmin: 1 / 5,
  qmax: 10,
  qoldinit: 1e-4,
});

/** The controller's mutable memory: the last accepted error and this step's E^beta1. */
export interface PIState {
  qold: number;
  /** qold^beta2, computed when qold changes rather than at every attempt. */
  qoldPow: number;
  q11: number;
}

/** A fresh controller state. */
export const initPI = (params: PIParams): PIState => ({
  qold: params.qoldinit,
  qoldPow: power(params.qoldinit, params.beta2),
  q11: 1,
});

/**
 * The step-size divisor q for the error estimate `EEst` (OrdinaryDiffEq's
 * `stepsize_controller!`). A zero error allows the largest growth.
 */
export const piQuotient = (params: PIParams, state: PIState, EEst: number): number => {
  if (EEst === 0) return 1 / params.qmax;
  const q11 = power(EEst, params.beta1);
  state.q11 = q11;
  const q = q11 / state.qoldPow / params.gamma;
  return Math.max(1 / params.qmax, Math.min(1 / params.qmin, q));
};

/** The next step after an accepted one; remembers this step's error for the P part. */
export const piAccept = (params: PIParams, state: PIState, dt: number, EEst: number, q: number) => {
  state.qold = Math.max(EEst, params.qoldinit);
  state.qoldPow = power(state.qold, params.beta2);
  return dt / q;
};

/**
 * The retry step after a rejected one. A NaN estimate (the step overflowed) shrinks by the
 * largest allowed factor rather than poisoning dt, so the solver can back off from a blow-up;
 * if it cannot, dtmin is reached and the solve ends with `DtLessThanMin`.
 */
export const piReject = (params: PIParams, state: PIState, dt: number, EEst: number): number => {
  if (Number.isNaN(EEst)) return dt * params.qmin;
  return dt / Math.min(1 / params.qmin, state.q11 / params.gamma);
};
