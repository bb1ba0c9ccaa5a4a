// The odex package ships TypeScript sources but no declarations; this covers what the
// benchmark uses.
declare module 'odex' {
  export type Derivative = (x: number, y: number[]) => number[];
  export type OutputFunction = (
    nr: number,
    xold: number,
    x: number,
    y: number[],
    dense?: (c: number, x: number) => number,
  ) => boolean | void;
  export interface Result {
    readonly y: number[];
    readonly outcome: number;
    readonly nStep: number;
    readonly xEnd: number;
    readonly nAccept: number;
    readonly nReject: number;
    readonly nEval: number;
  }
  export class Solver {
    constructor(n: number);
    denseOutput: boolean;
    relativeTolerance: number | number[];
    absoluteTolerance: number | number[];
    maxSteps: number;
    grid(dt: number, out: (xOut: number, yOut: number[]) => unknown): OutputFunction;
    solve(f: Derivative, x: number, y0: number[], xEnd: number, solOut?: OutputFunction): Result;
  }
}
