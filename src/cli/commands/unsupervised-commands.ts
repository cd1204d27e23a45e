/**
 * Commands for unlabelled structure: `cluster` (k-means, hierarchical) and `embed` (PCA, UMAP,
 * t-SNE 2-D maps).
 */
import type { Command } from 'commander';
import {
  clusterFile,
  type ClusterMethod,
  type ClusterResult,
} from '../../app/experiments/cluster.js';
import { EMBED_METHODS, embedFile, type EmbedMethod } from '../../app/experiments/embed.js';
import { usageError } from '../../core/errors.js';
import type { Linkage } from '../../ml/cluster/hierarchical.js';
import type { CommandEnv } from '../program.js';
import {
  addDataOptions,
  dataRequest,
  intOption,
  taskOption,
  type DataOptionValues,
} from '../options.js';
import { textTable, type Terminal } from '../terminal.js';

interface SharedOptions extends DataOptionValues {
  input: string;
  task: string;
  seed: string;
  sample?: string;
  maxRows?: string;
  steps?: string;
  json?: boolean;
}

interface ClusterOptions extends SharedOptions {
  method: string;
  k?: string;
  distance?: string;
  linkage: string;
  restarts: string;
  maxIter?: string;
  out?: string;
  dendrogram?: string;
}

interface EmbedOptions extends SharedOptions {
  method: string;
  out: string;
  perplexity?: string;
  neighbors?: string;
}

export function registerUnsupervisedCommands(program: Command, env: CommandEnv): void {
  addDataOptions(
    program
      .command('cluster')
      .description(
        'cluster the rows of a file; sizes, inertia and purity / ARI / NMI against the labels',
      )
      .requiredOption('--method <method>', 'kmeans | hierarchical')
      .requiredOption('--input <file>', 'data file (.gz read transparently)')
      .option('--k <n>', 'number of clusters')
      .option('--distance <d>', 'hierarchical: cut the tree at this height instead of --k')
      .option('--task <task>', 'labels to compare with: binary | category | attack', 'category')
      .option('--linkage <linkage>', 'hierarchical: ward | average', 'ward')
      .option('--seed <n>', 'seed for k-means++ and the sample', '0')
      .option('--sample <n>', 'cluster a seeded random sample of N rows')
      .option('--restarts <n>', 'k-means: seedings; the lowest inertia wins', '3')
      .option('--max-iter <n>', 'k-means: iterations per seeding (default 300)')
      .option('--max-rows <n>', 'hierarchical: largest input (O(n²) memory; default 10000)')
      .option('--steps <list>', 'feature pipeline (default impute,onehot,standard)')
      .option('--out <file.csv>', 'write row,cluster,label per row (.gz compresses)')
      .option('--dendrogram <file.json>', 'hierarchical: write the merge tree (SciPy linkage rows)')
      .option('--json', 'print the result as JSON'),
  ).action(async (o: ClusterOptions) => {
    const method = o.method as ClusterMethod;
    const linkage = o.linkage as Linkage;
    if (linkage !== 'ward' && linkage !== 'average') {
      throw usageError(`--linkage ${o.linkage}: expected ward or average`);
    }
    const k = intOption('--k', o.k, 1);
    const distance = floatOption('--distance', o.distance, 0);
    const maxIter = intOption('--max-iter', o.maxIter, 1);
    const r = await clusterFile(
      {
        ...shared(o),
        method,
        linkage,
        restarts: intOption('--restarts', o.restarts, 1) ?? 3,
        ...(k !== undefined ? { k } : {}),
        ...(distance !== undefined ? { distance } : {}),
        ...(maxIter !== undefined ? { maxIter } : {}),
        ...(o.out !== undefined ? { out: o.out } : {}),
        ...(o.dendrogram !== undefined ? { dendrogram: o.dendrogram } : {}),
      },
      env.term.progress(),
    );
    for (const n of r.notes) env.term.info(`note: ${n}`);
    if (o.json) env.term.json(r);
    else printClusters(env.term, r);
    if (o.out) env.term.info(`wrote ${r.rows.toLocaleString('en-US')} assignments to ${o.out}`);
  });

  addDataOptions(
    program
      .command('embed')
      .description(
        `2-D map of the rows of a file for plots (${EMBED_METHODS.join(', ')}), as CSV row,x,y,label`,
      )
      .requiredOption(
        '--method <method>',
        `${EMBED_METHODS.join(' | ')} (t-SNE: Barnes–Hut, ours; UMAP: umap-js)`,
      )
      .requiredOption('--input <file>', 'data file (.gz read transparently)')
      .requiredOption('--out <points.csv>', 'where to write row,x,y,label (.gz compresses)')
      .option(
        '--task <task>',
        'label written beside each point: binary | category | attack',
        'category',
      )
      .option(
        '--sample <n>',
        'embed a seeded random sample of N rows (umap/tsne allow 5000 by default)',
      )
      .option('--seed <n>', 'seed for the sample and UMAP (t-SNE starts from PCA)', '0')
      .option('--max-rows <n>', 'umap/tsne: largest input (default 5000)')
      .option('--perplexity <p>', 'tsne: effective number of neighbours (default 30)')
      .option('--neighbors <n>', 'umap: neighbours of the local structure (default 15)')
      .option('--steps <list>', 'feature pipeline (default impute,onehot,standard)')
      .option('--json', 'print the result as JSON'),
  ).action(async (o: EmbedOptions) => {
    if (!(EMBED_METHODS as readonly string[]).includes(o.method)) {
      throw usageError(`--method ${o.method}: unknown method`, {
        hint: `one of ${EMBED_METHODS.join(', ')}`,
      });
    }
    const perplexity = floatOption('--perplexity', o.perplexity, 0);
    const neighbors = intOption('--neighbors', o.neighbors, 2);
    const r = await embedFile(
      {
        ...shared(o),
        method: o.method as EmbedMethod,
        out: o.out,
        ...(perplexity !== undefined ? { perplexity } : {}),
        ...(neighbors !== undefined ? { neighbors } : {}),
      },
      env.term.progress(),
    );
    for (const n of r.notes) env.term.info(`note: ${n}`);
    if (o.json) {
      env.term.json(r);
      return;
    }
    const extra =
      r.explainedVarianceRatio !== null
        ? `, explained variance ${r.explainedVarianceRatio.map((v) => v.toFixed(4)).join(' + ')}`
        : r.klDivergence !== null
          ? `, KL divergence ${r.klDivergence.toFixed(4)}`
          : '';
    env.term.info(
      `${r.method}: ${r.rows.toLocaleString('en-US')} rows in ${r.seconds.toFixed(2)} s${extra}; wrote ${r.out}`,
    );
  });
}

/** The data request and the options both commands share. */
function shared(o: SharedOptions) {
  const sample = intOption('--sample', o.sample, 1);
  const maxRows = intOption('--max-rows', o.maxRows, 2);
  return {
    ...dataRequest(o.input, taskOption(o.task), o),
    seed: intOption('--seed', o.seed, 0) ?? 0,
    ...(sample !== undefined ? { sample } : {}),
    ...(maxRows !== undefined ? { maxRows } : {}),
    ...(o.steps !== undefined ? { steps: o.steps } : {}),
  };
}

function floatOption(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v <= min) {
    throw usageError(`${name} ${text}: expected a number > ${min}`);
  }
  return v;
}

const f4 = (v: number): string => v.toFixed(4);

function printClusters(term: Terminal, r: ClusterResult): void {
  const how =
    r.method === 'kmeans'
      ? `k-means, k = ${r.k}, best of ${r.restartInertia?.length ?? 1} seedings, ${r.iterations} iterations${r.converged ? '' : ' (not converged)'}`
      : `hierarchical (${r.linkage}), ${r.k} clusters`;
  term.out(
    `${how} · ${r.rows.toLocaleString('en-US')} rows × ${r.columns} columns · ${r.seconds.toFixed(2)} s`,
  );
  term.out(
    textTable(
      ['cluster', 'rows', 'majority label', 'share'],
      r.clusters.map((c) => [
        String(c.cluster),
        String(c.size),
        c.majorityLabel,
        f4(c.majorityShare),
      ]),
    ),
  );
  term.out('');
  term.out(
    textTable(
      ['metric', 'value'],
      [
        ['inertia (within-cluster sum of squares)', r.inertia.toExponential(6)],
        [`purity (${r.task} labels)`, f4(r.agreement.purity)],
        ['adjusted Rand index', f4(r.agreement.adjustedRand)],
        ['normalised mutual information', f4(r.agreement.normalizedMutualInfo)],
      ],
    ),
  );
}
