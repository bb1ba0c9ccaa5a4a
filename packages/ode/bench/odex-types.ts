/**
 * Types for the parts of the npm package `odex` the benchmark uses. The package ships its
 * TypeScript source, which does not compile under this workspace's strict settings, so the
 * benchmark loads it with `require` and types it here.
 */

/** y' = f(x, y). */
export type OdexDerivative = (x: number, y: number[]) => number[];

/** Called after each step; `grid` builds one that samples a uniform grid. */
export type OdexOutput = (
  nr: number,
  xold: number,
  x: number,
  y: number[],
  dense?: (c: number, x: number) => number,
) => boolean | void;

/** What `solve` returns. */
export interface OdexResult {
  readonly y: number[];
  readonly outcome: number;
  readonly nStep: number;
  readonly xEnd: number;
  readonly nAccept: number;
  readonly nReject: number;
  readonly nEval: number;
}

/** The Gragg-Bulirsch-Stoer solver object. */
export interface OdexSolver {
  denseOutput: boolean;
  relativeTolerance: number | number[];
  absoluteTolerance: number | number[];
  grid(dt: number, out: (xOut: number, yOut: number[]) => unknown): OdexOutput;
  solve(f: OdexDerivative, x: number, y0: number[], xEnd: number, out?: OdexOutput): OdexResult;
}

/** The module's exports. */
export interface OdexModule {
  readonly Solver: new (n: number) => OdexSolver;
}
