/**
 * A flattened forest compiled to JavaScript (as treelite compiles forests to C): every split
 * becomes an `if` on a constant feature offset and a constant threshold, every leaf a constant
 * added to the output, so the engine walks no arrays at all. Once V8 has optimised it, this
 * predicted NSL-KDD five times faster than the array walk (boosting, 200 trees of depth 6:
 * 25 ms against 136 ms of CPU for KDDTest+).
 *
 * The code adds exactly what `forestRawOutput` adds, in the same order (each tree's float32
 * leaf value, tree by tree), so both give the same bits. Only numbers from typed arrays are
 * written into the source, so a model cannot inject code.
 */
import type { CompiledForest } from './compiled-forest.js';

/** Add the trees of one chunk for rows `[from, to)` to `out` (row `from` at `out[0]`). */
export type ChunkFn = (
  d: Float32Array,
  cols: number,
  from: number,
  to: number,
  out: Float64Array,
  value: Float32Array,
) => void;

// Nodes per generated function: V8 optimises functions of about a thousand nodes quickly and
// runs them fastest (measured 512 … 2,048; larger ones were not optimised at all).
const CHUNK_NODES = 1024;
/** Forests with more nodes are not compiled: deep forests take seconds to compile and warm. */
export const MAX_CODE_NODES = 65_536;

/**
 * Functions that together add every tree of `forest`, or null when it is too large.
 *
 * @example
 * const chunks = generateForestCode(forest);
 * for (const fn of chunks ?? []) fn(x.data, x.cols, 0, x.rows, out, forest.value);
 */
export function generateForestCode(forest: CompiledForest): ChunkFn[] | null {
  const total = forest.treeStart[forest.nTrees]!;
  if (total > MAX_CODE_NODES) return null;
  const chunks: ChunkFn[] = [];
  let body = '';
  let nodes = 0;
  const flush = () => {
    if (body === '') return;
    const src = `for (let i = from, b = from * cols, o = 0; i < to; i++, b += cols, o += ${forest.nOutputs}) {\nlet v = 0;\nlet n = 0;\n${body}}`;
    chunks.push(new Function('d', 'cols', 'from', 'to', 'out', 'value', src) as ChunkFn);
    body = '';
    nodes = 0;
  };
  for (let t = 0; t < forest.nTrees; t++) {
    const size = forest.treeStart[t + 1]! - forest.treeStart[t]!;
    if (nodes > 0 && nodes + size > CHUNK_NODES) flush();
    body += treeCode(forest, t);
    nodes += size;
  }
  flush();
  return chunks;
}

function treeCode(forest: CompiledForest, t: number): string {
  const out: string[] = [];
  const width = forest.leafWidth;
  const target = width === 1 ? forest.treeOutput[t]! : 0;
  const leaf = (node: number) =>
    width === 1 ? `out[o + ${target}] += ${num(forest.value[node]!)};` : `n = ${node};`;
  const walk = (node: number) => {
    const f = forest.feature[node]!;
    if (f < 0) {
      out.push(leaf(node));
      return;
    }
    const th = num(forest.threshold[node]!);
    const nanLeft = forest.missingLeft !== null && forest.missingLeft[node] === 1;
    out.push(
      nanLeft ? `if ((v = d[b + ${f}]) <= ${th} || v !== v) {` : `if (d[b + ${f}] <= ${th}) {`,
    );
    walk(node + 1);
    out.push('} else {');
    walk(forest.right[node]!);
    out.push('}');
  };
  walk(forest.treeStart[t]!);
  if (width > 1) {
    for (let c = 0; c < width; c++) out.push(`out[o + ${c}] += value[n * ${width} + ${c}];`);
  }
  return `${out.join('\n')}\n`;
}

/** A float32 value as JavaScript source that reads back as the same double. */
function num(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return Object.is(v, -0) ? '-0' : String(v);
}
