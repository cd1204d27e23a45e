/**
 * First-run seeding for `npm start`: when the registry has no model, train the default model
 * (random forest, NSL-KDD binary) from the bundled compressed copy of KDDTrain+ and evaluate it
 * on KDDTest+, so that a new user sees a working detector and its report at once.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ThreatMeshError } from '../core/errors.js';
import type { AppContext } from './context.js';
import { evaluateModel } from './experiments/evaluate.js';
import { resolveModel } from './experiments/resolve-model.js';
import { trainModel } from './experiments/train.js';
import type { Progress } from './progress.js';

export const DEFAULT_MODEL_NAME = 'default';

export interface SeedResult {
  readonly seeded: boolean;
  readonly modelId: string | null;
  readonly accuracy: number | null;
}

export async function seedIfEmpty(
  ctx: AppContext,
  progress: Progress,
  info: (line: string) => void,
): Promise<SeedResult> {
  if ((await ctx.store.models.list()).length > 0)
    return { seeded: false, modelId: null, accuracy: null };
  const train = join(ctx.config.dataDir, 'nsl-kdd', 'KDDTrain+.txt.gz');
  const test = join(ctx.config.dataDir, 'nsl-kdd', 'KDDTest+.txt.gz');
  if (!existsSync(train) || !existsSync(test)) {
    throw new ThreatMeshError('NOT_FOUND', `the bundled demo data is missing (${train})`, {
      hint: 'run from a complete checkout of the repository (data/ holds the bundled data)',
    });
  }
  info(
    'first start: training the default model (random forest, NSL-KDD binary) from the bundled KDDTrain+',
  );
  const trained = await trainModel(
    ctx,
    {
      dataset: 'nsl-kdd',
      file: train,
      task: 'binary',
      model: 'random-forest',
      params: [],
      seed: 0,
      name: DEFAULT_MODEL_NAME,
    },
    progress,
  );
  info(
    `trained ${trained.stored.id} in ${trained.bundle.meta.fitSeconds.toFixed(1)} s; evaluating on KDDTest+`,
  );
  const model = await resolveModel(ctx, trained.stored.id);
  const evaluated = await evaluateModel(
    ctx,
    model,
    { dataset: 'nsl-kdd', file: test, task: 'binary' },
    progress,
  );
  info(`default model accuracy on KDDTest+: ${evaluated.json.accuracy.toFixed(4)}`);
  return { seeded: true, modelId: trained.stored.id, accuracy: evaluated.json.accuracy };
}
