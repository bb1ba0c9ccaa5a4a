import { Float64Ops } from '../src/integrator/float64-ops.js';
import { RKStepper } from '../src/integrator/rk-stepper.js';
import { TSIT5_TABLEAU } from '../src/tableaus/tsit5.js';
import { resolveOptions } from '../src/options.js';
import { InPlaceODEProblem, Tsit5, solve } from '../src/index.js';
import { time } from './timing.js';
const W = 2 * Math.PI;
const f = (du: Float64Array, u: Float64Array) => { du[0] = W * u[1]!; du[1] = -W * u[0]!; };
const prob0 = InPlaceODEProblem(f, [0, 1], [0, 0]);
for (let r = 0; r < 2; r++) {
console.log('resolve', time(() => resolveOptions({ saveEverystep: false }, [0, 1], { name: 'Tsit5', order: 5, adaptiveCapable: true }), 1000, 5000).median);
console.log('stepper', time(() => new RKStepper(new Float64Ops(2, f, { nf: 0 }), TSIT5_TABLEAU), 1000, 5000).median);
console.log('solve0', time(() => solve(prob0, Tsit5(), { saveEverystep: false }), 1000, 5000).median);
console.log('empty', time(() => 0, 1000, 5000).median);
}
