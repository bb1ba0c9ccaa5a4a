import { headToHead } from './head-to-head.js';
for (const e of headToHead()) console.log(e.name.padEnd(22), e.evaluations, e.maxError.toExponential(2), e.time.median.toFixed(1), e.time.p25.toFixed(1), e.time.p75.toFixed(1), e.time.runs);
