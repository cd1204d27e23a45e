/**
 * What the neural-network benchmark runs on our side, beside the anchors' scikit-learn MLP
 * (`MLP-64x64`: MLPClassifier(hidden_layer_sizes=(64, 64), early_stopping=True, max_iter=200),
 * adam, batch 200, learning rate 1e-3, alpha 1e-4) and their isolation forest and PyTorch
 * autoencoder (`nslkdd_unsupervised.py`).
 */

/** Our MLP with scikit-learn's shape and settings (the `mlp` defaults spelled out). */
export const MLP_PARAMS = [
  'hidden=64,64',
  'activation=relu',
  'batchSize=200',
  'learningRate=0.001',
  'l2=0.0001',
  'epochs=200',
  'earlyStopping=10',
  'validationFraction=0.1',
];

/** Our autoencoder with the anchor's shape and settings (the `autoencoder` defaults spelled out). */
export const AUTOENCODER_PARAMS = [
  'hidden=64,16',
  'activation=relu',
  'batchSize=256',
  'learningRate=0.001',
  'epochs=20',
  'earlyStopping=0',
];

/**
 * The autoencoder's runs: the anchor's preprocessing (one-hot, standard scaling), and the same
 * with log1p on the numeric columns first, which `threatmesh train --steps` offers: the byte
 * counts' z-scores in the hundreds otherwise dominate the reconstruction error.
 */
export const AUTOENCODER_PIPELINES = [
  { label: 'autoencoder', steps: '' },
  {
    label: 'autoencoder, --steps impute,log1p,onehot,standard',
    steps: 'impute,log1p,onehot,standard',
  },
] as const;

export const TASKS = [
  { ours: 'binary', anchor: 'binary' },
  { ours: 'category', anchor: '5class' },
] as const;

export const TEST_NAMES = ['KDDTest+', 'KDDTest-21'] as const;
