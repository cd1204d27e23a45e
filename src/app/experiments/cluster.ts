/**
 * `threatmesh cluster`: k-means or hierarchical clustering of a data file's rows (through the
 * feature pipeline), with cluster sizes, inertia, each cluster's majority label, and purity /
 * adjusted Rand / NMI against the task's labels; optionally the assignments as CSV and the
 * dendrogram as JSON.
 */
import { writeFile, rename } from 'node:fs/promises';
import { basename } from 'node:path';
import { usageError } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import {
  clusterAgreement,
  contingency,
  type ClusterAgreement,
} from '../../ml/cluster/cluster-metrics.js';
import { cutTree, linkageRows, type Dendrogram } from '../../ml/cluster/dendrogram.js';
import { squaredDistance } from '../../ml/cluster/distance.js';
import { DEFAULT_MAX_ROWS, hierarchical, type Linkage } from '../../ml/cluster/hierarchical.js';
import { kmeans } from '../../ml/cluster/kmeans.js';
import type { Progress } from '../progress.js';
import {
  csvField,
  unsupervisedInput,
  writeCsv,
  type MatrixRequest,
  type RowGuard,
} from './unsupervised-input.js';

export type ClusterMethod = 'kmeans' | 'hierarchical';

export interface ClusterRequest extends MatrixRequest {
  readonly method: ClusterMethod;
  /** Clusters wanted (k-means; hierarchical unless cut by distance). */
  readonly k?: number;
  /** Hierarchical: cut the tree at this height instead of into k clusters. */
  readonly distance?: number;
  readonly linkage: Linkage;
  readonly restarts?: number;
  readonly maxIter?: number;
  /** Hierarchical: the row guard (default 10,000). */
  readonly maxRows?: number;
  /** Write `row,cluster,label` here. */
  readonly out?: string;
  /** Hierarchical: write the linkage matrix here (JSON). */
  readonly dendrogram?: string;
}

export interface ClusterSummary {
  readonly cluster: number;
  readonly size: number;
  readonly majorityLabel: string;
  readonly majorityShare: number;
}

export interface ClusterResult {
  readonly method: ClusterMethod;
  readonly dataset: string;
  readonly file: string;
  readonly task: string;
  readonly rows: number;
  readonly totalRows: number;
  readonly columns: number;
  readonly seed: number;
  readonly k: number;
  readonly linkage: Linkage | null;
  /** Σ squared distance of each row to its cluster's mean. */
  readonly inertia: number;
  readonly iterations: number | null;
  readonly converged: boolean | null;
  readonly restartInertia: readonly number[] | null;
  /** Heights of the last (highest) merges, highest first (hierarchical). */
  readonly topMergeHeights: readonly number[] | null;
  readonly clusters: readonly ClusterSummary[];
  readonly agreement: ClusterAgreement;
  readonly seconds: number;
  readonly out: string | null;
  readonly notes: readonly string[];
}

/**
 * Cluster the rows of one file.
 *
 * @example
 * const r = await clusterFile({ dataset: 'nsl-kdd', file, task: 'attack', method: 'kmeans',
 *   k: 5, linkage: 'ward', seed: 0 }, progress);
 */
export async function clusterFile(req: ClusterRequest, progress: Progress): Promise<ClusterResult> {
  checkRequest(req);
  const maxRows = req.maxRows ?? DEFAULT_MAX_ROWS;
  const guard: RowGuard | undefined =
    req.method === 'hierarchical'
      ? {
          method: 'hierarchical clustering',
          maxRows,
          // The condensed float32 distance matrix of hierarchical.ts.
          why: (n) => `it keeps every pair of rows in memory: ${bytes(n * (n - 1) * 2)}`,
        }
      : undefined;
  const input = await unsupervisedInput(req, progress, guard);
  const { x } = input;
  const t0 = performance.now();
  let labels: Int32Array;
  let k: number;
  let extra: Pick<ClusterResult, 'iterations' | 'converged' | 'restartInertia' | 'topMergeHeights'>;
  if (req.method === 'kmeans') {
    k = req.k!;
    const restarts = req.restarts ?? 3;
    progress.phase(`k-means, k = ${k} (${restarts} restarts)`, restarts);
    const fit = kmeans(x, {
      k,
      seed: req.seed,
      restarts,
      ...(req.maxIter !== undefined ? { maxIter: req.maxIter } : {}),
      onProgress: (done) => progress.update(done),
    });
    progress.done();
    labels = fit.labels;
    extra = {
      iterations: fit.model.iterations,
      converged: fit.model.converged,
      restartInertia: fit.restartInertia,
      topMergeHeights: null,
    };
  } else {
    progress.phase(`hierarchical clustering (${req.linkage})`, x.rows - 1);
    const tree = hierarchical(x, {
      linkage: req.linkage,
      maxRows,
      onProgress: (done) => progress.update(done),
    });
    progress.done();
    labels = cutTree(tree, req.distance !== undefined ? { distance: req.distance } : { k: req.k! });
    k = labels.reduce((m, c) => Math.max(m, c + 1), 0);
    extra = {
      iterations: null,
      converged: null,
      restartInertia: null,
      topMergeHeights: topHeights(tree),
    };
    if (req.dendrogram) await writeDendrogram(req.dendrogram, tree, req.linkage, input.rows);
  }
  const seconds = (performance.now() - t0) / 1000;
  if (req.out) {
    const out = req.out;
    progress.phase(`writing ${basename(out)}`, 1);
    await writeCsv(out, 'row,cluster,label', x.rows, (i) =>
      [input.rows[i]!, labels[i]!, csvField(input.classes[input.labels[i]!] ?? '')].join(','),
    );
    progress.done();
  }
  return {
    method: req.method,
    dataset: req.dataset,
    file: basename(req.file),
    task: req.task,
    rows: x.rows,
    totalRows: input.totalRows,
    columns: x.cols,
    seed: req.seed,
    k,
    linkage: req.method === 'hierarchical' ? req.linkage : null,
    inertia: withinSumOfSquares(x, labels, k),
    ...extra,
    clusters: summaries(input.labels, labels, k, input.classes),
    agreement: clusterAgreement(input.labels, labels),
    seconds,
    out: req.out ?? null,
    notes: input.notes,
  };
}

function checkRequest(req: ClusterRequest): void {
  if (req.method !== 'kmeans' && req.method !== 'hierarchical') {
    throw usageError(`--method ${String(req.method)}: unknown method`, {
      hint: 'kmeans or hierarchical',
    });
  }
  if (req.method === 'kmeans' && req.k === undefined) {
    throw usageError('k-means needs --k N (the number of clusters)');
  }
  if (req.method === 'kmeans' && req.distance !== undefined) {
    throw usageError('--distance cuts a hierarchical tree; k-means takes --k');
  }
  if (req.method === 'hierarchical' && (req.k === undefined) === (req.distance === undefined)) {
    throw usageError('hierarchical clustering needs exactly one of --k N or --distance D');
  }
  if (req.dendrogram !== undefined && req.method !== 'hierarchical') {
    throw usageError('--dendrogram is written by --method hierarchical');
  }
}

/** Σ over rows of the squared distance to the mean of its cluster. */
function withinSumOfSquares(x: Matrix, labels: Int32Array, k: number): number {
  const { rows: n, cols: d, data } = x;
  const mean = new Float64Array(k * d);
  const size = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    size[c]!++;
    for (let t = 0; t < d; t++) mean[c * d + t] = mean[c * d + t]! + data[i * d + t]!;
  }
  for (let c = 0; c < k; c++) {
    for (let t = 0; t < d; t++) mean[c * d + t] = mean[c * d + t]! / Math.max(size[c]!, 1);
  }
  let s = 0;
  for (let i = 0; i < n; i++) s += squaredDistance(data, i * d, mean, labels[i]! * d, d);
  return s;
}

function summaries(
  truth: Int32Array,
  clusters: Int32Array,
  k: number,
  classes: readonly string[],
): ClusterSummary[] {
  const t = contingency(truth, clusters);
  return Array.from({ length: k }, (_, c) => {
    const row =
      c < t.nClusters
        ? t.counts.subarray(c * t.nClasses, (c + 1) * t.nClasses)
        : new Float64Array(0);
    let size = 0;
    let best = -1;
    row.forEach((v, j) => {
      size += v;
      if (best < 0 || v > row[best]!) best = j;
    });
    return {
      cluster: c,
      size,
      majorityLabel: size > 0 ? (classes[best] ?? '') : '',
      majorityShare: size > 0 ? row[best]! / size : 0,
    };
  });
}

/** The heights of the last 20 merges, highest first. */
function topHeights(tree: Dendrogram): number[] {
  const out: number[] = [];
  for (let s = tree.n - 2; s >= Math.max(0, tree.n - 21); s--) out.push(tree.height[s]!);
  return out;
}

async function writeDendrogram(
  path: string,
  tree: Dendrogram,
  linkage: Linkage,
  rows: Int32Array,
): Promise<void> {
  const doc = { linkage, n: tree.n, rows: Array.from(rows), merges: linkageRows(tree) };
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(doc)}\n`);
  await rename(tmp, path);
}

/** "5 MB", "31.7 GB". */
function bytes(b: number): string {
  return b < 1e9 ? `${Math.ceil(b / 1e6)} MB` : `${(b / 1e9).toFixed(1)} GB`;
}
