/**
 * The configurations of `npm run bench:trees`, each matched to a reference model of the same
 * name in bench/reference/trees_configs.py.
 */
export interface TreeBenchConfig {
  readonly name: string;
  readonly model: string;
  readonly params: readonly string[];
  readonly tasks: readonly ('binary' | 'category')[];
  /** What the reference side runs, for the table. */
  readonly reference: string;
}

const XGB_LIKE = [
  'maxLeaves=0',
  'learningRate=0.3',
  'l2=1',
  'minChildWeight=1',
  'minSamplesLeaf=1',
];

export const CONFIGS: readonly TreeBenchConfig[] = [
  {
    name: 'GB-xgb',
    model: 'gradient-boosting',
    params: ['trees=200', 'maxDepth=6', ...XGB_LIKE],
    tasks: ['binary', 'category'],
    reference: 'XGBoost hist, 200 trees, depth 6, eta 0.3, lambda 1, min_child_weight 1',
  },
  {
    name: 'GB-d8',
    model: 'gradient-boosting',
    params: ['trees=100', 'maxDepth=8', ...XGB_LIKE],
    tasks: ['binary'],
    reference: 'XGBoost hist, 100 trees, depth 8 (the serving bar’s model)',
  },
  {
    name: 'GB-hgb',
    model: 'gradient-boosting',
    params: [
      'trees=100',
      'maxLeaves=31',
      'maxDepth=0',
      'learningRate=0.1',
      'l2=0',
      'minSamplesLeaf=20',
      'earlyStopping=10',
      'validationFraction=0.1',
    ],
    tasks: ['binary', 'category'],
    reference: 'scikit-learn HistGradientBoosting, defaults (31 leaves, early stopping on)',
  },
  {
    name: 'RF-100',
    model: 'random-forest',
    params: ['trees=100'],
    tasks: ['binary', 'category'],
    reference: 'scikit-learn RandomForest, 100 trees',
  },
  {
    name: 'ET-100',
    model: 'extra-trees',
    params: ['trees=100'],
    tasks: ['binary', 'category'],
    reference: 'scikit-learn ExtraTrees, 100 trees',
  },
  {
    name: 'IF-100',
    model: 'isolation-forest',
    params: ['trees=100', 'sampleSize=256'],
    tasks: ['binary'],
    reference: 'scikit-learn IsolationForest, 100 trees, 256 samples (normal rows only)',
  },
];

/** Our task names and the reference's. */
export const TASKS = [
  { ours: 'binary', reference: 'binary' },
  { ours: 'category', reference: '5class' },
] as const;
