/**
 * The model configurations compared with the scikit-learn anchors, by the anchors' names.
 */
export interface BenchConfig {
  /** The anchor script's model name (../shared/anchors/common.py build_model). */
  readonly anchor: string;
  readonly model: string;
  readonly params: readonly string[];
}

export const CONFIGS: readonly BenchConfig[] = [
  { anchor: 'DT-gini', model: 'decision-tree', params: ['criterion=gini'] },
  { anchor: 'DT-entropy', model: 'decision-tree', params: ['criterion=entropy'] },
  { anchor: 'GaussianNB', model: 'naive-bayes', params: [] },
  { anchor: 'RF-100', model: 'random-forest', params: ['trees=100'] },
  { anchor: 'LogReg', model: 'logistic-regression', params: [] },
  { anchor: 'KNN-3', model: 'knn', params: ['k=3'] },
  { anchor: 'KNN-5', model: 'knn', params: ['k=5'] },
];

export const TASKS = [
  { ours: 'binary', anchor: 'binary' },
  { ours: 'category', anchor: '5class' },
] as const;

export const TEST_FILES = [
  { name: 'KDDTest+', file: 'KDDTest+.txt' },
  { name: 'KDDTest-21', file: 'KDDTest-21.txt' },
] as const;
