/**
 * The result shapes of both sides of bench/unsupervised and the Markdown table that sets them
 * side by side.
 */

export interface Timing {
  readonly medianSeconds: number;
  readonly seconds: readonly number[];
}

/** One line of `worker.ts`. */
export interface Ours {
  readonly method: 'svm' | 'kmeans' | 'pca' | 'tsne' | 'umap';
  readonly fit: Timing;
  readonly k?: number;
  readonly inertia?: number;
  readonly purity?: number;
  readonly ari?: number;
  readonly nmi?: number;
  readonly explainedVarianceRatio?: readonly number[];
  readonly klDivergence?: number;
  readonly rows?: number;
  readonly eval?: Readonly<
    Record<string, { accuracy: number; macroF1: number; rocAuc: number | null }>
  >;
}

interface RefTiming {
  readonly median_s: number;
  readonly times_s: readonly number[];
}

/** What `bench/reference/unsupervised_reference.py` writes. */
export interface Reference {
  readonly env: { readonly sklearn: string; readonly note: string };
  readonly svm?: {
    readonly fit: RefTiming;
    readonly eval: Readonly<
      Record<string, { accuracy: number; macro_f1: number; roc_auc: number }>
    >;
  };
  readonly kmeans?: readonly {
    readonly k: number;
    readonly inertia: number;
    readonly fit: RefTiming;
    readonly purity: number;
    readonly ari: number;
    readonly nmi: number;
  }[];
  readonly pca?: { readonly explained_variance_ratio: readonly number[]; readonly fit: RefTiming };
  readonly tsne?: { readonly fit: RefTiming; readonly kl_divergence: number };
}

const f4 = (v: number | undefined | null): string =>
  v === undefined || v === null ? '—' : v.toFixed(4);
const s2 = (v: number | undefined): string => (v === undefined ? '—' : v.toFixed(2));
const ratio = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined ? '—' : `${(a / b).toFixed(2)}×`;
const points = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined
    ? '—'
    : `${a >= b ? '+' : ''}${((a - b) * 100).toFixed(2)} points`;
const percent = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined
    ? '—'
    : `${a >= b ? '+' : ''}${((a / b - 1) * 100).toFixed(2)}%`;

/**
 * Markdown rows: measure, ours, scikit-learn's, and their comparison.
 *
 * @example
 * console.log(resultTable(ours, reference));
 */
export function resultTable(ours: readonly Ours[], ref: Reference | null): string {
  const threads = ref ? ref.env.note.replace(/ \(.*$/, '').replace('threads = ', '') : '—';
  const lines = [
    `| measure | ours (1 thread) | scikit-learn ${ref?.env.sklearn ?? ''} (${threads} threads) | ours vs scikit-learn |`,
    '|---|---:|---:|---:|',
  ];
  const row = (m: string, a: string, b: string, c: string): number =>
    lines.push(`| ${m} | ${a} | ${b} | ${c} |`);
  const svm = ours.find((o) => o.method === 'svm');
  if (svm) {
    for (const file of ['KDDTest+', 'KDDTest-21']) {
      const a = svm.eval?.[file];
      const b = ref?.svm?.eval[file];
      row(
        `linear SVM, binary: accuracy ${file}`,
        f4(a?.accuracy),
        f4(b?.accuracy),
        points(a?.accuracy, b?.accuracy),
      );
      row(
        `linear SVM, binary: ROC-AUC ${file}`,
        f4(a?.rocAuc),
        f4(b?.roc_auc),
        points(a?.rocAuc ?? undefined, b?.roc_auc),
      );
    }
    const b = ref?.svm?.fit.median_s;
    row(
      'linear SVM, binary: fit s (median)',
      s2(svm.fit.medianSeconds),
      s2(b),
      ratio(svm.fit.medianSeconds, b),
    );
  }
  for (const o of ours.filter((x) => x.method === 'kmeans')) {
    const r = ref?.kmeans?.find((x) => x.k === o.k);
    row(
      `k-means, k = ${o.k}, 3 restarts: inertia`,
      o.inertia?.toFixed(0) ?? '—',
      r?.inertia.toFixed(0) ?? '—',
      percent(o.inertia, r?.inertia),
    );
    row(
      `k-means, k = ${o.k}: purity / ARI / NMI (23 labels)`,
      `${f4(o.purity)} / ${f4(o.ari)} / ${f4(o.nmi)}`,
      r ? `${f4(r.purity)} / ${f4(r.ari)} / ${f4(r.nmi)}` : '—',
      '',
    );
    row(
      `k-means, k = ${o.k}: fit s (median)`,
      s2(o.fit.medianSeconds),
      s2(r?.fit.median_s),
      ratio(o.fit.medianSeconds, r?.fit.median_s),
    );
  }
  const pca = ours.find((o) => o.method === 'pca');
  if (pca) {
    const a = pca.explainedVarianceRatio ?? [];
    const b = ref?.pca?.explained_variance_ratio ?? [];
    for (const c of [0, 1]) {
      const diff =
        a[c] !== undefined && b[c] !== undefined
          ? `Δ = ${Math.abs(a[c]! - b[c]!).toExponential(1)}`
          : '—';
      row(
        `PCA: explained-variance ratio PC${c + 1}`,
        a[c]?.toFixed(6) ?? '—',
        b[c]?.toFixed(6) ?? '—',
        diff,
      );
    }
    row(
      'PCA: fit s (median)',
      s2(pca.fit.medianSeconds),
      s2(ref?.pca?.fit.median_s),
      ratio(pca.fit.medianSeconds, ref?.pca?.fit.median_s),
    );
  }
  const ts = ours.find((o) => o.method === 'tsne');
  if (ts) {
    row(
      `t-SNE, ${ts.rows} rows: time s (median)`,
      s2(ts.fit.medianSeconds),
      s2(ref?.tsne?.fit.median_s),
      ratio(ts.fit.medianSeconds, ref?.tsne?.fit.median_s),
    );
    row(
      `t-SNE, ${ts.rows} rows: KL divergence`,
      f4(ts.klDivergence),
      f4(ref?.tsne?.kl_divergence),
      '',
    );
  }
  const um = ours.find((o) => o.method === 'umap');
  if (um)
    row(
      `UMAP (umap-js), ${um.rows} rows: time s (median)`,
      s2(um.fit.medianSeconds),
      'not installed',
      '',
    );
  return lines.join('\n');
}
