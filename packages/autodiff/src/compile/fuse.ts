/**
 * Loop fusion: groups equations that range over one two-dimensional iteration space [M, N] into
 * a single generated loop nest, so a chain like `heaviside(x @ W + b) * w` runs as one pass
 * over the data instead of one pass (and one buffer) per op.
 *
 * A cluster may hold, all over the same space:
 * - elementwise ops (their per-element formulas are the tensor kernels' own templates);
 * - matrix products with a small inner dimension (k <= 8), computed inline per element;
 * - reductions of a space-sized value: row reductions (`X @ B` to [M, c], sums over axis 1),
 *   column reductions (`Aᵀ X` to [c, N], `Xᵀ B` to [N, c], sums over axis 0) and full sums.
 *
 * Bit-identity with the unfused kernels: every accumulation runs in the kernels' order (over the
 * reduced index, first to last) and starts from -0, which leaves the first term unchanged
 * exactly as the kernels' "start from the first product" does. Only float64 programs fuse: the
 * eager float32 path rounds every intermediate to float32.
 */
import type { Shape } from '@hamiltonian/tensor';
import { binaryExpr, unaryExpr, whereExpr } from '@hamiltonian/tensor/kernels';
import type { Storage } from '@hamiltonian/tensor';
import type { Aval } from '../core/value.js';
import type { MatmulParams } from '../rules/matmul.js';
import type { Equation, Program } from './program.js';

/** Where a value sits in the space: every element, one per column, one per row, or one. */
type Layout = 'full' | 'row' | 'col' | 'scalar';

/** A fused loop nest: reads `inputs`, writes `outputs`, as one generated function. */
export interface Cluster {
  readonly kind: 'cluster';
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly run: (buffers: readonly Storage[]) => void;
  readonly source: string;
  readonly members: readonly Equation[];
}

/** A step of a scheduled program: a plain equation or a fused cluster. */
export type Step = { readonly kind: 'eq'; readonly eq: Equation } | Cluster;

const MAX_INNER = 8;
const MAX_REDUCED_OUT = 8;

const unaryTemplates = unaryExpr as Record<string, (x: string) => string>;
const binaryTemplates = binaryExpr as Record<string, (a: string, b: string) => string>;

const isElementwise = (name: string): boolean =>
  name in unaryTemplates || name in binaryTemplates || name === 'where';

/** True for primitives computed entry by entry with broadcasting (the fusable elementwise ops). */
export const isElementwiseName = isElementwise;

/** Strips leading length-1 axes: `[1, 64]` is a row, `[1, 1]` a scalar. */
const squeezeLeading = (shape: Shape): Shape => {
  let i = 0;
  while (i < shape.length && shape[i] === 1) i++;
  return shape.slice(i);
};

const layoutIn = (shape: Shape, M: number, N: number): Layout | null => {
  const s = squeezeLeading(shape);
  if (s.length === 0) return 'scalar';
  if (s.length === 1) return s[0] === N ? 'row' : null;
  if (s.length === 2 && s[0] === M) return s[1] === N ? 'full' : s[1] === 1 ? 'col' : null;
  return null;
};

/** The [M, N] space of a shape of rank 0 to 2 (rank 1 is a single row, rank 0 one entry). */
const spaceOf = (shape: Shape): [number, number] | null =>
  shape.length === 2
    ? [shape[0] as number, shape[1] as number]
    : shape.length === 1
      ? [1, shape[0] as number]
      : shape.length === 0
        ? [1, 1]
        : null;

/** How an equation takes part in a cluster over [M, N], decided by `classify`. */
type Role =
  | { kind: 'elementwise' }
  | { kind: 'product'; k: number }
  | { kind: 'rowReduce'; x: number; c: number; b: number | null }
  | { kind: 'colReduce'; x: number; c: number; a: number | null; xFirst: boolean }
  | { kind: 'total'; x: number };

interface Space {
  readonly M: number;
  readonly N: number;
}

const sameSpace = (a: Space, b: [number, number] | null): boolean =>
  b !== null && a.M === b[0] && a.N === b[1];

/**
 * The role `eq` can play in a cluster over `space`, and the space it implies, or null when it
 * cannot be fused. `avals` gives every variable's shape.
 */
const classify = (eq: Equation, avals: readonly Aval[]): { role: Role; space: Space } | null => {
  const out = avals[eq.out] as Aval;
  if (out.dtype !== 'float64' || eq.inputs.some((v) => (avals[v] as Aval).dtype !== 'float64')) {
    return null;
  }
  const name = eq.prim.name;
  const shapeOf = (v: number): Shape => (avals[v] as Aval).shape;
  if (isElementwise(name)) {
    const s = spaceOf(out.shape);
    // Even one-entry ops fuse: a chain of scalar updates then costs one call, not one each.
    if (s === null || s[0] * s[1] < 1) return null;
    const space = { M: s[0], N: s[1] };
    const ok = eq.inputs.every((v) => layoutIn(shapeOf(v), space.M, space.N) !== null);
    return ok ? { role: { kind: 'elementwise' }, space } : null;
  }
  if (name === 'matmul') return classifyMatmul(eq, shapeOf);
  if (name === 'sum') return classifySum(eq, shapeOf);
  return null;
};

const classifyMatmul = (
  eq: Equation,
  shapeOf: (v: number) => Shape,
): { role: Role; space: Space } | null => {
  const { transA, transB } = eq.params as MatmulParams;
  const [a, b] = eq.inputs as [number, number];
  const sa = shapeOf(a);
  const sb = shapeOf(b);
  if (sa.length !== 2 || sb.length !== 2) return null;
  const [m, k] = transA ? [sa[1] as number, sa[0] as number] : [sa[0] as number, sa[1] as number];
  const n = transB ? (sb[0] as number) : (sb[1] as number);
  if (k <= MAX_INNER && m * n >= 2) return { role: { kind: 'product', k }, space: { M: m, N: n } };
  // X [M, N] @ B -> [M, c]: reduce over the columns of X.
  if (!transA && n <= MAX_REDUCED_OUT) {
    return { role: { kind: 'rowReduce', x: a, c: n, b }, space: { M: m, N: k } };
  }
  // Aᵀ X -> [c, N] with A [M, c]: reduce over the rows of X.
  if (transA && !transB && m <= MAX_REDUCED_OUT) {
    return { role: { kind: 'colReduce', x: b, c: m, a, xFirst: false }, space: { M: k, N: n } };
  }
  // Xᵀ B -> [N, c] with B [M, c]: reduce over the rows of X.
  if (transA && !transB && n <= MAX_REDUCED_OUT) {
    return { role: { kind: 'colReduce', x: a, c: n, a: b, xFirst: true }, space: { M: k, N: m } };
  }
  return null;
};

const classifySum = (
  eq: Equation,
  shapeOf: (v: number) => Shape,
): { role: Role; space: Space } | null => {
  const x = eq.inputs[0] as number;
  const s = spaceOf(shapeOf(x));
  if (s === null) return null;
  const axes = (eq.params as { axes: readonly number[] }).axes;
  const space = { M: s[0], N: s[1] };
  const rank = shapeOf(x).length;
  if (axes.length === rank) return { role: { kind: 'total', x }, space };
  if (rank === 2 && axes[0] === 1) return { role: { kind: 'rowReduce', x, c: 1, b: null }, space };
  if (rank === 2 && axes[0] === 0) {
    return { role: { kind: 'colReduce', x, c: 1, a: null, xFirst: true }, space };
  }
  return null;
};

/** The variable of a space-sized operand a reduction reads, or null for other roles. */
const reducedOperand = (role: Role): number | null =>
  role.kind === 'rowReduce' || role.kind === 'colReduce' || role.kind === 'total' ? role.x : null;

/**
 * Orders the program into steps, fusing what can be fused. Equations keep a valid order: an
 * equation moves before a cluster only if it does not depend on it, and after it otherwise.
 */
const reads = (d: Draft, v: number): boolean =>
  d.kind === 'eq' ? d.eq.inputs.includes(v) : d.members.some((eq) => eq.inputs.includes(v));

const defines = (d: Draft, v: number): boolean =>
  d.kind === 'eq' ? d.eq.out === v : d.members.some((eq) => eq.out === v);

/**
 * Whether member `eq` can read `v` as a value computed in its own loop: elementwise ops and the
 * space-sized operand of a reduction can; a product's operands and a reduction's small operand
 * are indexed by whole rows or columns and must come from a buffer.
 */
const readsPerElement = (
  eq: Equation,
  v: number,
  roles: ReadonlyMap<Equation, { role: Role; space: Space }>,
): boolean => {
  const role = (roles.get(eq) as { role: Role }).role;
  if (role.kind === 'elementwise') return true;
  if (role.kind === 'product') return false;
  return role.x === v && eq.inputs.filter((u) => u === v).length === 1;
};

/** A cluster whose members are chosen but whose code is not generated yet. */
interface Pending {
  readonly kind: 'pending';
  readonly space: Space;
  readonly members: Equation[];
}

type Draft = { readonly kind: 'eq'; readonly eq: Equation } | Pending;

/**
 * Orders the program into steps, fusing what can be fused. Equations keep a valid order: an
 * equation moves before a cluster only if it does not depend on it, and after it otherwise.
 */
export const schedule = (program: Program): Step[] => {
  const avals = program.avals;
  const roles = new Map<Equation, { role: Role; space: Space }>();
  for (const eq of program.equations) {
    const c = classify(eq, avals);
    if (c !== null) roles.set(eq, c);
  }
  const drafts = partition(program.equations, roles);
  rematerialise(drafts, roles, program);

  // A cluster stores a value only when something outside it reads the value.
  const readers = new Map<number, Set<Draft | 'output'>>();
  const addReader = (v: number, d: Draft | 'output'): void => {
    const set = readers.get(v) ?? new Set();
    set.add(d);
    readers.set(v, set);
  };
  for (const v of program.outputs) addReader(v, 'output');
  for (const d of drafts) {
    const inputs = d.kind === 'eq' ? d.eq.inputs : d.members.flatMap((eq) => eq.inputs);
    for (const v of inputs) if (!defines(d, v)) addReader(v, d);
  }
  const steps: Step[] = [];
  for (const d of drafts) {
    if (d.kind === 'eq') {
      steps.push(d);
      continue;
    }
    const inside = new Set(d.members.map((eq) => eq.out));
    const stored = d.members
      .map((eq) => eq.out)
      .filter((v) => {
        const kind = (roles.get(d.members.find((eq) => eq.out === v) as Equation) as { role: Role })
          .role.kind;
        const outside = [...(readers.get(v) ?? [])].some((r) => r !== d);
        return outside || (kind !== 'elementwise' && kind !== 'product');
      });
    const external = [
      ...new Set(d.members.flatMap((eq) => eq.inputs).filter((v) => !inside.has(v))),
    ];
    // Every member may have moved into its readers, leaving nothing to compute here.
    if (stored.length > 0)
      steps.push(generate(d.space, d.members, roles, external, stored, program));
  }
  return steps;
};

/** Splits equations into plain steps and clusters (members only), keeping a valid order. */
const partition = (
  equations: readonly Equation[],
  roles: ReadonlyMap<Equation, { role: Role; space: Space }>,
): Draft[] => {
  const run = (eqs: readonly Equation[]): Draft[] => {
    const seedAt = eqs.findIndex((eq) => roles.has(eq));
    if (seedAt < 0) return eqs.map((eq) => ({ kind: 'eq', eq }));
    const head: Draft[] = eqs.slice(0, seedAt).map((eq) => ({ kind: 'eq', eq }));
    const seed = eqs[seedAt] as Equation;
    const space = (roles.get(seed) as { space: Space }).space;
    const members: Equation[] = [seed];
    const values = new Set<number>(); // space-sized values computed per element in the cluster
    const reduced = new Set<number>(); // results complete only after the loop
    const admit = (eq: Equation): void => {
      const role = (roles.get(eq) as { role: Role }).role;
      if (role.kind === 'elementwise' || role.kind === 'product') values.add(eq.out);
      else reduced.add(eq.out);
    };
    admit(seed);
    const before: Equation[] = [];
    const after: Equation[] = [];
    const late = new Set<number>();
    for (const eq of eqs.slice(seedAt + 1)) {
      const readsLate = eq.inputs.some((v) => late.has(v));
      const readsCluster = eq.inputs.some((v) => values.has(v) || reduced.has(v));
      const c = roles.get(eq);
      if (
        !readsLate &&
        c !== undefined &&
        sameSpace(space, [c.space.M, c.space.N]) &&
        fitsCluster(eq, c.role, values, reduced)
      ) {
        members.push(eq);
        admit(eq);
      } else if (!readsLate && !readsCluster) {
        before.push(eq);
      } else {
        after.push(eq);
        late.add(eq.out);
      }
    }
    return [...head, ...run(before), { kind: 'pending', space, members }, ...run(after)];
  };
  return run(equations);
};

/**
 * Recomputes a cheap elementwise value in the later clusters that read it instead of storing
 * it in the cluster that made it, when every reader can: saves a store and a load per element.
 * The recomputation runs the same formula on the same operands, so the bits are the same.
 */
const rematerialise = (
  drafts: Draft[],
  roles: ReadonlyMap<Equation, { role: Role; space: Space }>,
  program: Program,
): void => {
  const outputs = new Set(program.outputs);
  const owner = new Map<number, Pending>();
  for (const d of drafts) {
    if (d.kind !== 'pending') continue;
    for (const eq of d.members) owner.set(eq.out, d);
  }
  const readersOf = (v: number): Draft[] => drafts.filter((d) => reads(d, v) && !defines(d, v));
  for (const d of drafts) {
    if (d.kind !== 'pending') continue;
    for (const eq of [...d.members]) {
      const v = eq.out;
      if ((roles.get(eq) as { role: Role }).role.kind !== 'elementwise' || outputs.has(v)) continue;
      const others = readersOf(v).filter((r) => r !== d);
      if (others.length === 0) continue;
      // Each operand must exist outside the producing cluster: made before it, or stored by it
      // because something else outside reads it.
      const available = eq.inputs.every(
        (u) => owner.get(u) !== d || outputs.has(u) || readersOf(u).some((r) => r !== d),
      );
      const movable = others.every(
        (r) =>
          r.kind === 'pending' &&
          sameSpace(r.space, [d.space.M, d.space.N]) &&
          r.members.every((m) => !m.inputs.includes(v) || readsPerElement(m, v, roles)),
      );
      if (!available || !movable) continue;
      for (const r of others as Pending[]) {
        const first = r.members.findIndex((m) => m.inputs.includes(v));
        r.members.splice(Math.max(0, first), 0, eq);
      }
    }
  }
};

/** Whether `eq` can join a cluster that computes `values` per element and `reduced` after. */
const fitsCluster = (
  eq: Equation,
  role: Role,
  values: ReadonlySet<number>,
  reduced: ReadonlySet<number>,
): boolean => {
  if (eq.inputs.some((v) => reduced.has(v))) return false;
  const x = reducedOperand(role);
  if (role.kind === 'product') return !eq.inputs.some((v) => values.has(v));
  if (x !== null) {
    // The small operand of a reduction must come from outside the loop.
    return eq.inputs.every((v) => v === x || !values.has(v));
  }
  // Elementwise: cluster values are full-space, and classify checked how outside operands
  // broadcast.
  return true;
};

/** Emits and compiles the loop nest of one cluster. */
/** Rows processed together in one pass over the columns, when nothing forbids it. */
const ROW_BLOCK = 4;

const generate = (
  space: Space,
  members: readonly Equation[],
  roles: ReadonlyMap<Equation, { role: Role; space: Space }>,
  external: readonly number[],
  materialised: readonly number[],
  program: Program,
): Cluster => {
  const { M, N } = space;
  const avals = program.avals;
  const roleOf = (eq: Equation): Role => (roles.get(eq) as { role: Role }).role;
  // Multiplying by an all-ones constant is exact, so such factors are left out of the code.
  const ones = (v: number): boolean => {
    const c = program.consts.get(v);
    return c !== undefined && c.data.every((x) => x === 1);
  };
  const buffer = new Map<number, string>();
  external.forEach((v, i) => buffer.set(v, `in${i}`));
  materialised.forEach((v, i) => buffer.set(v, `out${i}`));
  const buf = (v: number): string => buffer.get(v) as string;
  const computed = new Set(
    members
      .filter((eq) => ['elementwise', 'product'].includes(roleOf(eq).kind))
      .map((eq) => eq.out),
  );

  // Set-up shared by every loop: scalar operands, zeroed column accumulators, total sums.
  const top: string[] = [];
  const end: string[] = [];
  const scalars = new Map<number, string>();
  for (const eq of members) {
    const role = roleOf(eq);
    if (role.kind === 'colReduce') top.push(`${buf(eq.out)}.fill(-0);`);
    if (role.kind === 'total') {
      top.push(`let s${eq.out} = -0;`);
      end.push(`${buf(eq.out)}[0] = s${eq.out};`);
    }
    for (const v of eq.inputs) {
      const shape = (avals[v] as Aval).shape;
      if (!computed.has(v) && !scalars.has(v) && layoutIn(shape, M, N) === 'scalar') {
        scalars.set(v, `k${scalars.size}`);
        top.push(`const k${scalars.size - 1} = ${buf(v)}[0];`);
      }
    }
  }

  // A sum over every element runs in row-major order, which row blocks would change.
  const blockable = !members.some((eq) => roleOf(eq).kind === 'total') && M >= 2 * ROW_BLOCK;
  const rows = blockable ? ROW_BLOCK : 1;
  const blockEnd = M - (M % rows);
  const loops = [
    emitLoop(rows, '0', `${blockEnd}`),
    ...(blockEnd < M ? [emitLoop(1, `${blockEnd}`, `${M}`)] : []),
  ];

  function emitLoop(R: number, from: string, to: string): string[] {
    const perRow: string[] = [];
    const body: string[] = [];
    const rowEnd: string[] = [];
    const loads = new Map<string, string>();
    // One local per distinct read in a scope, so repeated reads cost one load.
    const load = (scope: string[], source: string, index: string): string => {
      const key = `${scope === body ? 'b' : 'r'}:${source}[${index}]`;
      let name = loads.get(key);
      if (name === undefined) {
        name = `l${loads.size}`;
        loads.set(key, name);
        scope.push(`const ${name} = ${source}[${index}];`);
      }
      return name;
    };
    for (let r = 0; r < R; r++) {
      perRow.push(`const i${r} = i + ${r};`, `const iN${r} = i${r} * ${N};`);
      body.push(`const ij${r} = iN${r} + j;`);
    }
    // The value of operand v at (row r, j).
    const operand = (v: number, r: number): string => {
      if (computed.has(v)) return `t${v}_${r}`;
      const layout = layoutIn((avals[v] as Aval).shape, M, N) as Layout;
      if (layout === 'scalar') return scalars.get(v) as string;
      if (layout === 'full') return load(body, buf(v), `ij${r}`);
      if (layout === 'row') return load(body, buf(v), 'j');
      return load(perRow, buf(v), `i${r}`);
    };

    for (const eq of members) {
      const role = roleOf(eq);
      const o = eq.out;
      if (role.kind === 'colReduce') {
        // Rows are added in order, so the sum runs over i first to last as in the kernel.
        for (let c = 0; c < role.c; c++) {
          const index = role.xFirst ? `j * ${role.c} + ${c}` : `${c * N} + j`;
          const terms = Array.from({ length: R }, (_, r) => {
            const x = operand(role.x, r);
            if (role.a === null || ones(role.a)) return x;
            const a = load(perRow, buf(role.a), `i${r} * ${role.c} + ${c}`);
            return role.xFirst ? `${x} * ${a}` : `${a} * ${x}`;
          });
          const target = `${buf(o)}[${index}]`;
          body.push(`${target} = ${[target, ...terms].join(' + ')};`);
        }
        continue;
      }
      for (let r = 0; r < R; r++) {
        body.push(...emitRow(eq, role, r));
      }
    }
    for (const v of materialised) {
      if (!computed.has(v)) continue;
      for (let r = 0; r < R; r++) body.push(`${buf(v)}[ij${r}] = t${v}_${r};`);
    }

    function emitRow(eq: Equation, role: Role, r: number): string[] {
      const o = eq.out;
      switch (role.kind) {
        case 'elementwise': {
          const args = eq.inputs.map((v) => operand(v, r));
          const name = eq.prim.name;
          const expr =
            name === 'where'
              ? whereExpr(args[0] as string, args[1] as string, args[2] as string)
              : name in binaryTemplates
                ? (binaryTemplates[name] as (a: string, b: string) => string)(
                    args[0] as string,
                    args[1] as string,
                  )
                : (unaryTemplates[name] as (x: string) => string)(args[0] as string);
          return [`const t${o}_${r} = ${expr};`];
        }
        case 'product': {
          const { transA, transB } = eq.params as MatmulParams;
          const [a, b] = eq.inputs as [number, number];
          const k = role.k;
          let expr = '';
          for (let p = 0; p < k; p++) {
            const aIndex = transA ? `${p * M} + i${r}` : `i${r} * ${k} + ${p}`;
            const ai = ones(a) ? null : load(perRow, buf(a), aIndex);
            const bIndex = transB ? `j * ${k} + ${p}` : `${p * N} + j`;
            const bj = ones(b) ? null : load(body, buf(b), bIndex);
            const term = ai === null ? (bj ?? '1') : bj === null ? ai : `${ai} * ${bj}`;
            expr = p === 0 ? term : `${expr} + ${term}`;
          }
          return [`const t${o}_${r} = ${expr};`];
        }
        case 'rowReduce': {
          const x = operand(role.x, r);
          const lines: string[] = [];
          for (let c = 0; c < role.c; c++) {
            const acc = `r${o}_${c}_${r}`;
            perRow.push(`let ${acc} = -0;`);
            rowEnd.push(`${buf(o)}[i${r} * ${role.c} + ${c}] = ${acc};`);
            let term = x;
            if (role.b !== null && !ones(role.b)) {
              const { transB } = eq.params as MatmulParams;
              const bIndex = transB ? `${c * N} + j` : `j * ${role.c} + ${c}`;
              term = `${x} * ${load(body, buf(role.b), bIndex)}`;
            }
            lines.push(`${acc} = ${acc} + ${term};`);
          }
          return lines;
        }
        case 'total':
          return [`s${o} = s${o} + ${operand(role.x, r)};`];
        case 'colReduce':
          return [];
      }
    }

    return [
      `for (let i = ${from}; i < ${to}; i += ${R}) {`,
      ...perRow.map((l) => `  ${l}`),
      `  for (let j = 0; j < ${N}; j++) {`,
      ...body.map((l) => `    ${l}`),
      '  }',
      ...rowEnd.map((l) => `  ${l}`),
      '}',
    ];
  }

  const names = [...external.map((_, i) => `in${i}`), ...materialised.map((_, i) => `out${i}`)];
  const source = [
    // Indexed reads, not array destructuring: V8 optimises these loops much better.
    `const ${names.map((n, i) => `${n} = buffers[${i}]`).join(', ')};`,
    ...top,
    ...loops.flat(),
    ...end,
  ].join('\n');
  const run = new Function('buffers', source) as (buffers: readonly Storage[]) => void;
  return { kind: 'cluster', inputs: external, outputs: materialised, run, source, members };
};
