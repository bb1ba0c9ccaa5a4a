/**
 * Return codes, named as in SciMLBase. A failed solve returns its partial solution with one of
 * these, never throws; `retcodeMessage` says what happened and what to try.
 */

/** How a solve ended. */
export type ReturnCode =
  'Success' | 'Terminated' | 'MaxIters' | 'DtLessThanMin' | 'Unstable' | 'DtNaN';

/**
 * True for the codes that mean the requested span was handled as asked: `Success`, and
 * `Terminated` (a callback stopped the solve on purpose).
 *
 * @example
 * if (!successfulRetcode(sol.retcode)) console.warn(sol.message);
 */
export const successfulRetcode = (code: ReturnCode): boolean =>
  code === 'Success' || code === 'Terminated';

/**
 * A sentence for a return code at time `t`, naming the remedy.
 *
 * @example
 * retcodeMessage('MaxIters', 3.2); // 'maxiters reached at t = 3.2: ...'
 */
export const retcodeMessage = (code: ReturnCode, t: number): string => {
  switch (code) {
    case 'Success':
      return 'the solve reached the end of tspan';
    case 'Terminated':
      return `a callback terminated the solve at t = ${t}`;
    case 'MaxIters':
      return (
        `maxiters reached at t = ${t}: raise the maxiters option, loosen reltol/abstol, or, if ` +
        'the steps got tiny, suspect stiffness and use a stiff solver'
      );
    case 'DtLessThanMin':
      return (
        `the step size fell below dtmin at t = ${t}: the solution may blow up or be singular ` +
        'here, or the problem is stiff; check the model, shorten tspan, or lower dtmin'
      );
    case 'Unstable':
      return (
        `the state became NaN or infinite at t = ${t}: with a fixed dt, use a smaller dt or an ` +
        'adaptive method; otherwise check the vector field for a division by zero or a blow-up'
      );
    case 'DtNaN':
      return (
        `the step size became NaN at t = ${t}: usually f(u0) contains NaN or Inf; check the ` +
        'vector field and u0, or pass an explicit dt'
      );
  }
};
