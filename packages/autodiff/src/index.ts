/**
 * `@hamiltonian/autodiff`: differentiable programs.
 *
 * Write a model with the ops exported here (the tensor package's functions, made traceable),
 * then transform it: `grad`, `valueAndGrad`, `vjp`, `jvp`, `jacobian`, `hessian`, `hvp`, and
 * `jit` to compile a step for fixed shapes. Transforms nest to any depth.
 */
export { TracerError, TransformError, TreeError } from './core/errors.js';
export type { Maybe } from './core/primitive.js';
export {
  flatten as treeFlatten,
  unflatten as treeUnflatten,
  mapTree,
  type Leaf,
  type Tree,
  type TreeDef,
} from './core/tree.js';
export {
  isTracer,
  isValue,
  primalOf,
  Tracer,
  type Aval,
  type Value,
  type ValueLike,
} from './core/value.js';
export { defPrimitive, type PrimitiveDefinition } from './custom.js';
export { destructure, type Destructured } from './destructure.js';
export * from './ops.js';
export {
  grad,
  hessian,
  hvp,
  jacfwd,
  jacobian,
  jacrev,
  jvp,
  valueAndGrad,
  vjp,
  type GradOptions,
  type Pullback,
} from './transforms/api.js';
