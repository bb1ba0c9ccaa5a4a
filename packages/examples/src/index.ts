/**
 * `@hamiltonian/examples`: the reference tutorial as a runnable program, and the pieces it is
 * made of (the spring data set, chart specifications, rendering to SVG and PNG, atomic file
 * writes) for other programs in this package to reuse.
 */
export { InputError, decodeOrThrow, intFromString, nonEmptyString } from './cli/decode.js';
export { SPRING_OMEGA, springData, springHamiltonian, type SpringData } from './data/spring.js';
export { writeFileAtomic, type AtomicContent } from './io/atomic-write.js';
export { energySpec, type EnergySeries } from './plot/energy.js';
export { phasePortraitSpec, type ChartOptions, type Trajectory } from './plot/phase-portrait.js';
export {
  FONT_FAMILY,
  fontFiles,
  renderSpec,
  resvgOptions,
  specToSvg,
  svgToPng,
  type PngOptions,
  type Rendered,
} from './plot/render.js';
export {
  DEFAULT_OUT_DIR,
  formatLossLine,
  reportEpochs,
  runTutorial,
  type TutorialOptions,
  type TutorialResult,
} from './tutorial.js';
