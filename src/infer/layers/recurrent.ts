/**
 * Recurrent layers: SimpleRNN, LSTM, GRU, RNN over a cell (SimpleRNNCell, LSTMCell, GRUCell,
 * StackedRNNCells or a list of cells). ConvLSTM2D is in conv-recurrent.ts.
 *
 * Output: (batch, units), or (batch, timesteps, units) with return_sequences; return_state adds
 * one (batch, size) tensor per state. StackedRNNCells lists its states in reverse cell order
 * (tfjs `StackedRNNCells.stateSize`, the order its RNN returns them in; Keras 2 lists them in cell
 * order). Weights per cell: SimpleRNN u·(in+u+1), LSTM 4u·(in+u+1), GRU 3u·(in+u) plus a bias of
 * 3u, or 2·3u with Keras's reset_after=True (which tfjs 4.22 refuses to build).
 */
import { bool, frozen, innerCfg, int, layerCfg, type Cfg } from '../config.js';
import { fmt, issue, q, rankIssue } from '../shape.js';
import type { Shape } from '../types.js';
import { frozenWeights, under, w, weights, type LayerRow, type Output, type Weights } from './row.js';

interface CellRow {
  /** State sizes; the first is the output size. */
  readonly states: (c: Cfg) => number[] | undefined;
  /** Weights for an input of `inputDim` features, before `trainable` is applied. */
  readonly build: (inputDim: number, c: Cfg) => Weights | undefined;
}

const useBias = (c: Cfg): boolean => c.get('use_bias') !== false;

/** A gated cell with `gates` kernels side by side and `biasRows` rows of bias. */
const gated = (gates: number, biasRows: (c: Cfg) => number = () => 1): CellRow => ({
  states: (c) => {
    const u = int(c, 'units');
    return u === undefined ? undefined : gates === 4 ? [u, u] : [u];
  },
  // kernel (in, g·u), recurrent_kernel (u, g·u), bias (g·u) or (rows, g·u).
  build: (inputDim, c) => {
    const u = int(c, 'units');
    if (u === undefined) return undefined;
    const rows = biasRows(c);
    return weights(w('kernel', [inputDim, gates * u]), w('recurrent_kernel', [u, gates * u]), useBias(c) && w('bias', rows === 1 ? [gates * u] : [rows, gates * u]));
  },
});

/** The cells of a StackedRNNCells config (its `cells` list) or of RNN's list-of-cells shorthand. */
function stackOf(v: unknown): Cfg[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const cells = v.map(layerCfg);
  return cells.every((x) => x !== undefined) ? (cells as Cfg[]) : undefined;
}

const CELLS: Readonly<Record<string, CellRow>> = {
  SimpleRNNCell: gated(1),
  LSTMCell: gated(4),
  GRUCell: gated(3, (c) => (c.get('reset_after') === true ? 2 : 1)),
  // kspec's runtime GRUCell (reset_after defaults to true in its catalogue row).
  KspecGRUCell: gated(3, (c) => (c.get('reset_after') === true ? 2 : 1)),
};

/** A cell's state sizes and its weights (its own `trainable: false` applied), for `inputDim`. */
function cellOf(c: Cfg): { states: number[]; params: (inputDim: number) => Weights | undefined } | undefined {
  const stack = c.className === 'StackedRNNCells' ? stackOf(c.get('cells')) : undefined;
  if (stack) {
    const parts = stack.map(cellOf);
    if (parts.some((p) => !p)) return undefined;
    const cells = parts as NonNullable<ReturnType<typeof cellOf>>[];
    return {
      states: [...cells].reverse().flatMap((p) => p.states),
      params: (inputDim) => {
        const all: Weights[] = [];
        let dim = inputDim;
        for (const [i, cell] of cells.entries()) {
          const p = cell.params(dim);
          if (!p) return undefined;
          // tfjs 4.22 scopes each stacked cell's weights as `RNNCell_<i>/`, whatever the cell's name.
          all.push(under(`RNNCell_${i}`, p));
          dim = cell.states[0]!;
        }
        const list = weights(...all.flat());
        return frozen(c) ? frozenWeights(list) : list;
      },
    };
  }
  const row = CELLS[c.className];
  const states = row?.states(c);
  if (!row || !states) return undefined;
  return {
    states,
    params: (inputDim) => {
      const p = row.build(inputDim, c);
      return p && frozen(c) ? frozenWeights(p) : p;
    },
  };
}

/** Initial states may come as extra input tensors (tfjs RNN.apply), so only the first is the sequence. */
function rnn(cellCfg: (c: Cfg) => Cfg | undefined): LayerRow {
  const cellFor = (c: Cfg) => {
    const cc = cellCfg(c);
    return cc && cellOf(cc);
  };
  return {
    output: (inputs, c): Output => {
      const s = inputs[0];
      const cell = cellFor(c);
      if (!s || !cell) return undefined;
      if (s.length !== 3) return rankIssue(c.className, 3, 'batch, timesteps, features', s);
      const batch = s[0] ?? null;
      const main: Shape = bool(c, 'return_sequences') ? [batch, s[1] ?? null, cell.states[0]!] : [batch, cell.states[0]!];
      const out = bool(c, 'return_state') ? [main, ...cell.states.map((d): Shape => [batch, d])] : [main];
      return s[2] === null ? issue('invalid', `${q(c.className)} needs a known feature dimension, got ${fmt(s)}.`, out) : out;
    },
    params: (inputs, c) => {
      const dim = inputs[0]?.[2];
      return dim === null || dim === undefined ? undefined : cellFor(c)?.params(dim);
    },
  };
}

/** RNN's cell: a `{class_name, config}` or a list of them (tfjs stacks a list in StackedRNNCells). */
function rnnCell(c: Cfg): Cfg | undefined {
  const v = c.get('cell');
  if (Array.isArray(v)) return { className: 'StackedRNNCells', get: (k) => (k === 'cells' ? v : undefined) };
  return innerCfg(c, 'cell');
}

/** The layer's own config is its cell's config (tfjs builds e.g. `new LSTMCell(args)`). */
const asCell = (cell: string) => (c: Cfg): Cfg => ({ className: cell, get: (k) => c.get(k) });

export const RECURRENT_ROWS: Readonly<Record<string, LayerRow>> = {
  SimpleRNN: rnn(asCell('SimpleRNNCell')),
  LSTM: rnn(asCell('LSTMCell')),
  GRU: rnn(asCell('GRUCell')),
  RNN: rnn(rnnCell),
};
