/**
 * `Chain`: layers applied one after another; its parameters are the array of theirs.
 */
import { slice, type Tree, type Value } from '@hamiltonian/autodiff';
import { random } from '@hamiltonian/tensor';
import { NNError } from '../errors.js';
import { checkFlat, checkInput, toModel, type Layer, type Model, type ParamsOf } from './layer.js';

/** The parameters of a `Chain` of layers `L`: one entry per layer, in order. */
export type ChainParams<L extends readonly Layer[]> = { readonly [K in keyof L]: ParamsOf<L[K]> };

const indent = (text: string): string => text.replace(/^/gm, '  ');

/**
 * Composes layers: `Chain(a, b)(x, params)` is `b(a(x, params[0]), params[1])`. The parameters
 * are an array with one entry per layer, and `init` draws each layer's from its own key split
 * from the given one. Chains nest.
 *
 * Layers whose widths do not fit are an error here, at construction, naming both layers.
 *
 * @example
 * const model = Chain(Dense(2, 64, 'relu'), Dense(64, 1));
 * const params = model.init(key(0)); // [{ W: [64, 2], b: [64] }, { W: [1, 64], b: [1] }]
 * model(x, params); // [batch, 1]
 */
export const Chain = <const L extends readonly Layer[]>(...layers: L): Model<ChainParams<L>> => {
  if (layers.length === 0) {
    throw new NNError('Chain: needs at least one layer, got none');
  }
  layers.forEach((layer, i) => {
    const next = layers[i + 1];
    if (next !== undefined && layer.outDim !== next.inDim) {
      throw new NNError(
        `Chain: layer ${i} (${layer.describe()}) outputs width ${layer.outDim} but layer ` +
          `${i + 1} (${next.describe()}) expects width ${next.inDim}`,
      );
    }
  });
  const counts = layers.map((l) => l.paramCount);
  const paramCount = counts.reduce((a, b) => a + b, 0);

  type P = ChainParams<L>;
  const checkParams = (params: P): void => {
    if (!Array.isArray(params) || params.length !== layers.length) {
      const got = Array.isArray(params) ? `${params.length} entries` : typeof params;
      throw new NNError(
        `Chain: params has ${got}; expected an array of ${layers.length} (one per layer, ` +
          'as init returns)',
      );
    }
  };

  const describe = (): string => {
    const lines = layers.map((l) => `${indent(l.describe())},  # ${l.paramCount} parameters`);
    return `Chain(\n${lines.join('\n')}\n)  # ${paramCount} parameters`;
  };

  return toModel<P>({
    inDim: (layers[0] as Layer).inDim,
    outDim: (layers[layers.length - 1] as Layer).outDim,
    paramCount,
    init: (key, options) => {
      const keys = random.split(key, layers.length);
      return layers.map((l, i) => l.init(keys[i] as (typeof keys)[number], options)) as P;
    },
    apply: (params, x) => {
      checkParams(params);
      return layers.reduce((h: Value, layer, i) => {
        checkInput(`Chain layer ${i} (${layer.describe()})`, layer.inDim, h);
        return layer.apply(params[i] as Tree, h);
      }, x);
    },
    rebuild: (flat) => {
      checkFlat('Chain', paramCount, flat);
      let offset = 0;
      return layers.map((layer, i) => {
        const n = counts[i] as number;
        const part = slice(flat, [offset], [n]);
        offset += n;
        return layer.rebuild(part);
      }) as P;
    },
    describe,
  });
};
