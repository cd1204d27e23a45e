/**
 * Commands that make, evaluate, use and list models: train, eval, cv, predict, models, runs,
 * keys.
 */
import type { Command } from 'commander';
import { crossValidate } from '../../app/experiments/cross-validate.js';
import { evaluateModel } from '../../app/experiments/evaluate.js';
import { predictFile } from '../../app/experiments/predict.js';
import { resolveModel } from '../../app/experiments/resolve-model.js';
import { trainModel } from '../../app/experiments/train.js';
import { usageError } from '../../core/errors.js';
import type { Task } from '../../core/dataset.js';
import { keyFingerprint } from '../../ml/bundle.js';
import { modelSpecs } from '../../ml/registry.js';
import type { CommandEnv } from '../program.js';
import {
  addDataOptions,
  collect,
  dataRequest,
  intOption,
  taskOption,
  threadsOption,
  type DataOptionValues,
} from '../options.js';
import { printEvaluation, printCv, printModels, printRuns } from './model-output.js';

interface TrainOptions extends DataOptionValues {
  train: string;
  task?: string;
  model: string;
  param: string[];
  seed: string;
  name?: string;
  out?: string;
  steps?: string;
  normalOnly?: boolean;
  threads?: string;
  json?: boolean;
}

export function registerModelCommands(program: Command, env: CommandEnv): void {
  const models = modelSpecs()
    .map((s) => s.name)
    .join('|');
  addDataOptions(
    program
      .command('train')
      .description('train a model, register it and print its id')
      .requiredOption('--train <file>', 'training data file (.gz read transparently)')
      .requiredOption('--task <task>', 'binary | category | attack')
      .requiredOption('--model <family>', models)
      .option(
        '--param <name=value>',
        'model parameter; repeatable (`threatmesh models --params`)',
        collect,
        [],
      )
      .option('--seed <n>', 'seed for every random choice', '0')
      .option('--name <name>', 'register under this name too')
      .option('--out <file>', 'also write the bundle to FILE (gzip if it ends in .gz)')
      .option('--steps <list>', 'feature pipeline, e.g. impute,onehot,standard (default by model)')
      .option('--normal-only', 'fit on the normal rows only (anomaly models; implied for them)')
      .option(
        '--threads <n>',
        'threads to train on, 1 … 64 (default: every core); the model is the same for any count',
      )
      .option('--json', 'print the result as JSON'),
  ).action(async (o: TrainOptions) => {
    const task = taskOption(o.task);
    const seed = intOption('--seed', o.seed, 0) ?? 0;
    const threads = threadsOption(o.threads);
    const app = env.app();
    const r = await trainModel(
      app,
      {
        ...dataRequest(o.train, task, o),
        model: o.model,
        params: o.param,
        seed,
        ...(o.name !== undefined ? { name: o.name } : {}),
        ...(o.out !== undefined ? { out: o.out } : {}),
        ...(o.steps !== undefined ? { steps: o.steps } : {}),
        ...(o.normalOnly ? { normalOnly: true } : {}),
        threads,
      },
      env.term.progress(),
    );
    for (const n of r.notes) env.term.info(`note: ${n}`);
    if (o.json) {
      env.term.json({
        id: r.stored.id,
        name: r.stored.name,
        kind: r.stored.kind,
        run: r.run.id,
        rows: r.bundle.training.rows,
        fitSeconds: r.bundle.meta.fitSeconds,
        sha256: r.bundle.sha256,
        out: o.out ?? null,
      });
    } else {
      env.term.info(
        `trained ${r.stored.kind} on ${r.bundle.training.rows.toLocaleString('en-US')} rows in ${r.bundle.meta.fitSeconds.toFixed(2)} s${r.stored.name ? `, name ${r.stored.name}` : ''}${o.out ? `, written to ${o.out}` : ''}`,
      );
      env.term.out(r.stored.id);
    }
  });

  addDataOptions(
    program
      .command('eval')
      .description('evaluate a model on a labelled test file: metrics table and confusion matrix')
      .requiredOption('--model <model>', 'registered id or name, or a bundle file')
      .requiredOption('--test <file>', 'test data file')
      .option('--report <file.html>', 'write a self-contained HTML report')
      .option('--trust', 'accept a bundle signed by another instance')
      .option('--json', 'print the result as JSON'),
    { datasetRequired: false },
  ).action(
    async (
      o: DataOptionValues & {
        model: string;
        test: string;
        report?: string;
        trust?: boolean;
        json?: boolean;
      },
    ) => {
      const app = env.app();
      const model = await resolveModel(app, o.model, { trust: o.trust === true });
      const t = model.bundle.training;
      const req = dataRequest(o.test, t.task as Task, o, t);
      const r = await evaluateModel(app, model, req, env.term.progress(), o.report);
      for (const n of r.notes) env.term.info(`note: ${n}`);
      if (o.json) env.term.json(r.json);
      else printEvaluation(env.term, r.json);
      if (o.report) env.term.info(`report written to ${o.report}`);
    },
  );

  addDataOptions(
    program
      .command('cv')
      .description('stratified k-fold cross-validation of a model family on one file')
      .requiredOption('--train <file>', 'data file')
      .requiredOption('--task <task>', 'binary | category | attack')
      .requiredOption('--model <family>', models)
      .option('--param <name=value>', 'model parameter; repeatable', collect, [])
      .option('--folds <k>', 'number of folds', '5')
      .option('--seed <n>', 'seed for the fold assignment and the models', '0')
      .option('--steps <list>', 'feature pipeline (default by model)')
      .option('--json', 'print the result as JSON'),
  ).action(async (o: TrainOptions & { folds: string }) => {
    const task = taskOption(o.task);
    const folds = intOption('--folds', o.folds, 2) ?? 5;
    const seed = intOption('--seed', o.seed, 0) ?? 0;
    const r = await crossValidate(
      env.app(),
      {
        ...dataRequest(o.train, task, o),
        model: o.model,
        params: o.param,
        folds,
        seed,
        ...(o.steps !== undefined ? { steps: o.steps } : {}),
      },
      env.term.progress(),
    );
    if (o.json) env.term.json(r);
    else printCv(env.term, r);
  });

  addDataOptions(
    program
      .command('predict')
      .description('predict every row of a file: one JSON line per row')
      .requiredOption('--model <model>', 'registered id or name, or a bundle file')
      .requiredOption('--input <file>', 'data file')
      .requiredOption('--out <pred.jsonl>', 'where to write the predictions')
      .option('--trust', 'accept a bundle signed by another instance'),
    { datasetRequired: false },
  ).action(
    async (
      o: DataOptionValues & { model: string; input: string; out: string; trust?: boolean },
    ) => {
      const app = env.app();
      const model = await resolveModel(app, o.model, { trust: o.trust === true });
      const t = model.bundle.training;
      const r = await predictFile(
        app,
        model,
        dataRequest(o.input, t.task as Task, o, t),
        o.out,
        env.term.progress(),
      );
      for (const n of r.notes) env.term.info(`note: ${n}`);
      env.term.info(`wrote ${r.rows.toLocaleString('en-US')} predictions to ${o.out}`);
    },
  );

  program
    .command('models')
    .description('list registered models (or the model families with --families)')
    .option('--families', 'list the model families and their parameters instead')
    .option('--json', 'print as JSON')
    .action(async (o: { families?: boolean; json?: boolean }) => {
      if (o.families) {
        const specs = modelSpecs().map((s) => ({
          name: s.name,
          description: s.description,
          input: s.input,
          params: s.params,
        }));
        if (o.json) env.term.json(specs);
        else
          for (const s of specs)
            env.term.out(
              `${s.name}: ${s.description}\n${s.params.map((p) => `  --param ${p.name}=… (default ${String(p.default)}) ${p.description}`).join('\n')}`,
            );
        return;
      }
      const list = await env.app().store.models.list();
      if (o.json) env.term.json(list);
      else printModels(env.term, list);
    });

  program
    .command('runs')
    .description('list recorded train, eval and cv runs, newest first')
    .option('--kind <kind>', 'train | eval | cv')
    .option('--limit <n>', 'at most N runs')
    .option('--json', 'print as JSON')
    .action(async (o: { kind?: string; limit?: string; json?: boolean }) => {
      if (o.kind !== undefined && !['train', 'eval', 'cv'].includes(o.kind)) {
        throw usageError(`--kind ${o.kind}: expected train, eval or cv`);
      }
      const limit = intOption('--limit', o.limit, 1);
      const runs = await env.app().store.runs.list({
        ...(o.kind ? { kind: o.kind as 'train' | 'eval' | 'cv' } : {}),
        ...(limit !== undefined ? { limit } : {}),
      });
      const rows = runs.map((r) => ({
        id: r.id,
        kind: r.kind,
        model: r.model,
        dataset: r.dataset,
        task: r.task,
        params: r.params,
        metrics: r.metrics,
        startedAt: r.startedAt,
        seconds: r.seconds,
      }));
      if (o.json) env.term.json(rows);
      else printRuns(env.term, runs);
    });

  const keys = program
    .command('keys')
    .description("this instance's signing key and the keys it trusts");
  keys
    .command('show')
    .description(
      "print this instance's public key (give it to instances that should trust our bundles)",
    )
    .option('--json', 'print as JSON')
    .action(async (o: { json?: boolean }) => {
      const app = env.app();
      const info = {
        publicKey: app.publicKey,
        fingerprint: keyFingerprint(app.publicKey),
        trusted: await app.store.keys.list(),
      };
      if (o.json) env.term.json(info);
      else env.term.out(`${info.publicKey}  (fingerprint ${info.fingerprint})`);
    });
  keys
    .command('trust <publicKey>')
    .description('load bundles signed by this public key without --trust')
    .option('--label <text>', 'who the key belongs to', 'trusted instance')
    .action(async (publicKey: string, o: { label: string }) => {
      if (!/^[A-Za-z0-9_-]{43}$/.test(publicKey)) {
        throw usageError(`"${publicKey}" is not an Ed25519 public key`, {
          hint: 'copy it from `threatmesh keys show` on the other instance',
        });
      }
      await env.app().store.keys.trust(publicKey, o.label);
      env.term.info(`trusted key ${keyFingerprint(publicKey)} (${o.label})`);
    });
}
