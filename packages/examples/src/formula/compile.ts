/**
 * Hamiltonians from formulas: a mathjs expression tree turned into autodiff operations, so the
 * vector field of a formula is its exact symplectic gradient.
 */
import {
  broadcastTo,
  cube,
  div,
  log,
  primalOf,
  reshape,
  split,
  square,
  type Value,
} from '@hamiltonian/autodiff';
import { item, scalar } from '@hamiltonian/tensor';
import { parse, type MathNode } from 'mathjs';
import { checkCoordinates, inferCoordinates } from './coordinates.js';
import { FormulaError } from './errors.js';
import { CONSTANTS, FUNCTIONS, OPERATORS } from './functions.js';

/** A Hamiltonian compiled from a formula. */
export interface FormulaHamiltonian {
  /** The formula as given. */
  readonly formula: string;
  /** The coordinates: n positions, then their n momenta; a state lists them in this order. */
  readonly coords: readonly string[];
  /** H of states `[batch, 2n]` (shape `[batch]`) or of one state `[2n]` (a scalar). */
  readonly H: (x: Value) => Value;
}

/** Options of `compileHamiltonian`. */
export interface FormulaOptions {
  /** The coordinates in state order; inferred from the formula's `q…`/`p…` symbols if absent */
  readonly coords?: readonly string[];
  /** Values of named constants, such as `{ k: 2, m: 1 }`. */
  readonly params?: Readonly<Record<string, number>>;
}

type Env = ReadonlyMap<string, Value | number>;

const nodeKinds: Readonly<Record<string, string>> = {
  ArrayNode: 'a vector or matrix',
  AssignmentNode: 'an assignment',
  FunctionAssignmentNode: 'a function definition',
  BlockNode: 'several expressions',
  ConditionalNode: 'a conditional (a ? b : c)',
  RangeNode: 'a range',
  ObjectNode: 'an object',
  AccessorNode: 'an index into a value',
  IndexNode: 'an index',
  RelationalNode: 'a comparison',
};

const notScalar = (formula: string, node: MathNode): FormulaError => {
  const what = nodeKinds[node.type] ?? `a ${node.type}`;
  return new FormulaError(
    `"${formula}": "${node.toString()}" is ${what}; a Hamiltonian is one scalar expression ` +
      'of the coordinates, such as p^2/2 + (1 - cos(q))',
  );
};

// Integer powers as products, which keep a negative base's gradient finite.
const power = (base: Value | number, exponent: Value | number): Value | number => {
  if (exponent === 2) return typeof base === 'number' ? base * base : square(base);
  if (exponent === 3) return typeof base === 'number' ? base ** 3 : cube(base);
  if (typeof base === 'number' && typeof exponent === 'number') return base ** exponent;
  return (OPERATORS['pow'] as { apply: (a: Value, b: Value) => Value }).apply(
    lift(base),
    lift(exponent),
  );
};

const lift = (v: Value | number): Value => (typeof v === 'number' ? scalar(v) : v);

const applyRule = (
  formula: string,
  name: string,
  rule: { arity: number; apply: (...a: Value[]) => Value } | undefined,
  args: (Value | number)[],
  node: MathNode,
): Value | number => {
  if (rule === undefined) {
    const known = Object.keys(FUNCTIONS).join(', ');
    throw new FormulaError(
      `"${formula}": unknown function or operator "${name}" in "${node.toString()}"; ` +
        `supported functions: ${known}; operators + - * / ^`,
    );
  }
  if (name === 'log' && args.length === 2) {
    return div(log(lift(args[0] as Value | number)), log(lift(args[1] as Value | number)));
  }
  if (args.length !== rule.arity) {
    throw new FormulaError(
      `"${formula}": ${name} takes ${rule.arity} argument(s), got ${args.length} in ` +
        `"${node.toString()}"`,
    );
  }
  if (name === 'pow') return power(args[0] as Value | number, args[1] as Value | number);
  // Constant subexpressions fold to numbers, so they never enter the traced program.
  if (args.every((a) => typeof a === 'number'))
    return item(primalOf(rule.apply(...args.map(lift))));
  return rule.apply(...args.map(lift));
};

const evaluate = (formula: string, node: MathNode, env: Env): Value | number => {
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case 'ConstantNode': {
      if (typeof n['value'] !== 'number') throw notScalar(formula, node);
      return n['value'];
    }
    case 'SymbolNode': {
      const value = env.get(n['name'] as string);
      if (value === undefined) throw new Error(`internal: symbol ${String(n['name'])} unbound`);
      return value;
    }
    case 'ParenthesisNode':
      return evaluate(formula, n['content'] as MathNode, env);
    case 'OperatorNode': {
      const fn = n['fn'] as string;
      const args = (n['args'] as MathNode[]).map((a) => evaluate(formula, a, env));
      if (fn === 'pow') return applyRule(formula, 'pow', OPERATORS['pow'], args, node);
      return applyRule(formula, `${n['op'] as string} (${fn})`, OPERATORS[fn], args, node);
    }
    case 'FunctionNode': {
      const name = (n['fn'] as { name?: string }).name ?? node.toString();
      const args = (n['args'] as MathNode[]).map((a) => evaluate(formula, a, env));
      const rule = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
      return applyRule(formula, name, rule, args, node);
    }
    default:
      throw notScalar(formula, node);
  }
};

const SCALAR_NODES = new Set([
  'ConstantNode',
  'SymbolNode',
  'ParenthesisNode',
  'OperatorNode',
  'FunctionNode',
]);

/** Rejects vectors, assignments, comparisons and the like before anything else is checked. */
const checkScalar = (formula: string, root: MathNode): void => {
  root.traverse((node) => {
    if (!SCALAR_NODES.has(node.type)) throw notScalar(formula, node);
  });
};

/** The free symbols of a tree: symbols that are not function names. */
const freeSymbols = (root: MathNode): string[] => {
  const names = new Set<string>();
  root.traverse((node, path, parent) => {
    if (node.type !== 'SymbolNode') return;
    if (parent?.type === 'FunctionNode' && path === 'fn') return;
    names.add((node as MathNode & { name: string }).name);
  });
  return [...names];
};

const parseOrThrow = (formula: string): MathNode => {
  try {
    return parse(formula);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new FormulaError(`"${formula}" is not a formula mathjs can read: ${why}`);
  }
};

const constantList = Object.keys(CONSTANTS).join(', ');

const checkSymbols = (
  formula: string,
  symbols: readonly string[],
  coords: readonly string[],
  params: Readonly<Record<string, number>>,
): void => {
  const known = new Set([...coords, ...Object.keys(params), ...Object.keys(CONSTANTS)]);
  const unknown = symbols.filter((s) => !known.has(s));
  if (unknown.length === 0) return;
  throw new FormulaError(
    `"${formula}": unknown symbol ${unknown.map((s) => `"${s}"`).join(', ')}; the ` +
      `coordinates are ${coords.join(', ')} and the constants ${constantList}` +
      '; add it to --coords or give it a value with --param NAME=VALUE',
  );
};

/**
 * Compiles a Hamiltonian formula into a function of phase-space states built from autodiff
 * operations, so `symplecticGradient(H)` is the formula's exact vector field. Coordinates come
 * from `options.coords` or from the formula's symbols (`q`, `p`, or `q1`, `q2`, `p1`, `p2`).
 *
 * An unknown symbol or function, a formula that is not one scalar (a vector, an assignment, a
 * comparison), or coordinates that do not pair up are `FormulaError`s naming the culprit.
 *
 * Pitfall: mathjs reads `2q` as `2 * q` and `q^2^2` as `q^(2^2)`; add parentheses when unsure.
 *
 * @example
 * const { H, coords } = compileHamiltonian('p^2/2 + (1 - cos(q))');
 * coords; // ['q', 'p']
 * H(tensorOrThrow([[0, 1]])); // [0.5]
 */
export const compileHamiltonian = (
  formula: string,
  options: FormulaOptions = {},
): FormulaHamiltonian => {
  const root = parseOrThrow(formula);
  checkScalar(formula, root);
  const params = options.params ?? {};
  const symbols = freeSymbols(root);
  const constantNames = new Set([...Object.keys(params), ...Object.keys(CONSTANTS)]);
  const coords =
    options.coords === undefined
      ? inferCoordinates(symbols.filter((s) => !constantNames.has(s)))
      : checkCoordinates(options.coords);
  checkSymbols(formula, symbols, coords, params);

  const H = (x: Value): Value => {
    const width = x.shape[x.shape.length - 1];
    if (width !== coords.length) {
      throw new FormulaError(
        `H(${coords.join(', ')}): states have shape [${x.shape.join(', ')}]; expected a last ` +
          `axis of width ${coords.length}`,
      );
    }
    const batch = x.shape.slice(0, -1);
    const columns = split(x, coords.length, x.shape.length - 1).map((c) => reshape(c, batch));
    const env = new Map<string, Value | number>([
      ...Object.entries(CONSTANTS),
      ...Object.entries(params),
      ...coords.map((c, i) => [c, columns[i] as Value] as const),
    ]);
    return broadcastTo(lift(evaluate(formula, root, env)), batch);
  };
  // A non-scalar result (say a matrix function) shows up on the first call; make it now.
  H(scalarState(coords.length));
  return { formula, coords, H };
};

const scalarState = (width: number): Value => broadcastTo(lift(0.5), [1, width]);
