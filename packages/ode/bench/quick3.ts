import { Dopri } from 'dopri';
import { InPlaceODEProblem, Tsit5, solve } from '../src/index.js';
import { timeAll } from './timing.js';
const W = 2 * Math.PI;
const ts = Array.from({ length: 1024 }, (_, i) => i / 1023);
const prob = InPlaceODEProblem((du, u) => { du[0] = W * u[1]!; du[1] = -W * u[0]!; }, [0, 1], [0, 1]);
const prob0 = InPlaceODEProblem((du, u) => { du[0] = W * u[1]!; du[1] = -W * u[0]!; }, [0, 1], [0, 0]);
const rhs = (_t: number, y: readonly number[], dy: number[]): void => { dy[0] = W * y[1]!; dy[1] = -W * y[0]!; };
const names = ['ours setup', 'ours ends only', 'ours saveat', 'dopri run', 'dopri run+interp'];
const r = timeAll([
  () => solve(prob0, Tsit5(), { saveEverystep: false }),
  () => solve(prob, Tsit5(), { saveat: [0, 1] }),
  () => solve(prob, Tsit5(), { saveat: ts }),
  () => { const s = new Dopri(rhs, 2, { atol: 1e-6, rtol: 1e-3 }); s.initialise(0, [0, 1]); return s.run(1); },
  () => { const s = new Dopri(rhs, 2, { atol: 1e-6, rtol: 1e-3 }); s.initialise(0, [0, 1]); return s.run(1)(ts); },
]);
r.forEach((x, i) => console.log(names[i], x.median.toFixed(1)));
