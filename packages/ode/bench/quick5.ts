import { InPlaceODEProblem, Tsit5, solve } from '../src/index.js';
const W = 2 * Math.PI;
const ts = Array.from({ length: 1024 }, (_, i) => i / 1023);
const prob = InPlaceODEProblem((du, u) => { du[0] = W * u[1]!; du[1] = -W * u[0]!; }, [0, 1], [0, 1]);
const t0 = performance.now();
for (let i = 0; i < 30000; i++) solve(prob, Tsit5(), { saveat: ts });
console.log('per solve us', (performance.now() - t0) / 30);
