/**
 * Matrix products of matrices or equal-sized batches of matrices, with transpose flags.
 *
 * The flags let derivative rules express Aᵀ·G and G·Bᵀ without materialising a transpose: the
 * kernel reads the operand in the other order.
 */
import { ShapeError, resultDType } from '@hamiltonian/tensor';
import { matmulInto } from '@hamiltonian/tensor/kernels';
import type { Primitive } from '../core/primitive.js';
import type { Aval, Value } from '../core/value.js';
import { matmulPrim } from '../ops.js';
import { addMaybe } from './zeros.js';

/** Whether each operand enters the product transposed (its last two axes swapped). */
export interface MatmulParams {
  readonly transA: boolean;
  readonly transB: boolean;
}

const dims = (shape: readonly number[], trans: boolean): [number, number] => {
  const r = shape.length;
  const rows = shape[r - 2] as number;
  const cols = shape[r - 1] as number;
  return trans ? [cols, rows] : [rows, cols];
};

const matmulAval = ([a, b]: readonly Aval[], { transA, transB }: MatmulParams): Aval => {
  const sa = (a as Aval).shape;
  const sb = (b as Aval).shape;
  if (sa.length < 2 || sa.length !== sb.length) {
    throw new ShapeError('matmul', [sa, sb], 'operands need equal ranks of at least 2');
  }
  const batch = sa.slice(0, -2);
  if (batch.some((d, i) => d !== sb[i])) {
    throw new ShapeError('matmul', [sa, sb], 'batch dimensions differ');
  }
  const [m, k] = dims(sa, transA);
  const [k2, n] = dims(sb, transB);
  if (k !== k2) {
    throw new ShapeError('matmul', [sa, sb], `inner dimensions ${k} and ${k2} differ`);
  }
  return { shape: [...batch, m, n], dtype: resultDType((a as Aval).dtype, (b as Aval).dtype) };
};

/** The matrix product primitive; `matmul` in ops handles 1-D operands and batch broadcasting. */
export const matmulPrimitive: Primitive<MatmulParams> = {
  name: 'matmul',
  aval: matmulAval,
  lower: ([a, b], { transA, transB }) => {
    const sa = (a as Aval).shape;
    const sb = (b as Aval).shape;
    const [m, k] = dims(sa, transA);
    const n = dims(sb, transB)[1];
    let batches = 1;
    for (let i = 0; i < sa.length - 2; i++) batches *= sa[i] as number;
    if (batches === 1) {
      return ([x, y], out) =>
        matmulInto(x as Float64Array, y as Float64Array, out, m, k, n, transA, transB);
    }
    return ([x, y], out) => {
      for (let i = 0; i < batches; i++) {
        const ax = x as Float64Array;
        const by = y as Float64Array;
        matmulInto(ax, by, out, m, k, n, transA, transB, i * m * k, i * k * n, i * m * n);
      }
    };
  },
  jvp: ([a, b], [ta, tb], _y, params) =>
    addMaybe(
      ta === null || ta === undefined ? null : matmulPrim(ta, b as Value, params),
      tb === null || tb === undefined ? null : matmulPrim(a as Value, tb, params),
    ),
  vjp: (g, [a, b], _y, { transA, transB }, wanted) => {
    const A = a as Value;
    const B = b as Value;
    // C = op(A) op(B): dop(A) = G op(B)ᵀ and dop(B) = op(A)ᵀ G, transposed back where needed.
    const ga = !wanted[0]
      ? null
      : transA
        ? matmulPrim(B, g, { transA: transB, transB: true })
        : matmulPrim(g, B, { transA: false, transB: !transB });
    const gb = !wanted[1]
      ? null
      : transB
        ? matmulPrim(g, A, { transA: true, transB: transA })
        : matmulPrim(A, g, { transA: !transA, transB: false });
    return [ga, gb];
  },
};
