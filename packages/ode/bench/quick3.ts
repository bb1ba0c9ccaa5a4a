import { Dopri } from 'dopri';
import { InPlaceODEProblem, Tsit5, DP5, solve } from '../src/index.js';
const W = 2 * Math.PI;
const ts = Array.from({ length: 1024 }, (_, i) => i / 1023);
const prob = InPlaceODEProblem((du, u) => { du[0] = W * u[1]!; du[1] = -W * u[0]!; }, [0, 1], [0, 1]);
const err = (sol: any) => Math.max(...sol.u.map((x: any, i: number) => Math.max(Math.abs(x.data[0] - Math.sin(W * sol.t[i])), Math.abs(x.data[1] - Math.cos(W * sol.t[i])))));
for (const rt of [1e-3, 2e-3, 3e-3, 5e-3, 1e-2]) for (const alg of [Tsit5(), DP5()]) {
  const sol = solve(prob, alg, { saveat: ts, reltol: rt, abstol: rt * 1e-3 });
  console.log(alg.name, rt, sol.stats, err(sol).toExponential(2));
}
