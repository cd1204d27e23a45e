/**
 * Commands about data: datasets, split, features rank.
 */
import type { Command } from 'commander';
import { loadData, loadNotes } from '../../app/experiments/load-data.js';
import { splitFile } from '../../app/experiments/split.js';
import { usageError } from '../../core/errors.js';
import { rankFeatures } from '../../features/index.js';
import { datasetLoaders } from '../../ingest/index.js';
import type { CommandEnv } from '../program.js';
import {
  addDataOptions,
  dataRequest,
  intOption,
  taskOption,
  type DataOptionValues,
} from '../options.js';
import { textTable } from '../terminal.js';

export function registerDataCommands(program: Command, env: CommandEnv): void {
  program
    .command('datasets')
    .description('list the data set loaders, their columns and tasks')
    .option('--json', 'print as JSON')
    .action((o: { json?: boolean }) => {
      const list = datasetLoaders().map((l) => ({
        name: l.name,
        title: l.title,
        description: l.description,
        tasks: l.tasks,
        columns: l.columns,
      }));
      if (o.json) {
        env.term.json(list);
        return;
      }
      for (const l of list) {
        env.term.out(`${l.name} — ${l.title}\n  ${l.description}`);
        for (const t of l.tasks) env.term.out(`  --task ${t.task}: ${t.description}`);
        if (l.columns === 'inferred')
          env.term.out('  columns: inferred from the header and values');
        else {
          const cat = l.columns.filter((c) => c.kind === 'categorical').map((c) => c.name);
          env.term.out(
            `  columns: ${l.columns.length} (${cat.length ? `categorical: ${cat.join(', ')}; ` : ''}the rest numeric)`,
          );
        }
        env.term.out('');
      }
    });

  addDataOptions(
    program
      .command('split')
      .description('stratified train/test split of one file, written in the same format')
      .requiredOption('--input <file>', 'data file')
      .option('--task <task>', 'the label to stratify on: binary | category | attack', 'category')
      .option('--test-fraction <f>', 'share of rows for the test file', '0.3')
      .option('--seed <n>', 'seed', '0')
      .requiredOption('--out-train <file>', 'where the training rows go (.gz compresses)')
      .requiredOption('--out-test <file>', 'where the test rows go (.gz compresses)')
      .option('--json', 'print the counts as JSON'),
  ).action(
    async (
      o: DataOptionValues & {
        input: string;
        task: string;
        testFraction: string;
        seed: string;
        outTrain: string;
        outTest: string;
        json?: boolean;
      },
    ) => {
      const fraction = Number(o.testFraction);
      if (!(fraction > 0 && fraction < 1)) {
        throw usageError(`--test-fraction ${o.testFraction}: expected a number between 0 and 1`);
      }
      const seed = intOption('--seed', o.seed, 0) ?? 0;
      const r = await splitFile(
        dataRequest(o.input, taskOption(o.task), o),
        fraction,
        seed,
        o.outTrain,
        o.outTest,
        env.term.progress(),
      );
      for (const n of r.notes) env.term.info(`note: ${n}`);
      if (o.json)
        env.term.json({ train: r.train, test: r.test, outTrain: o.outTrain, outTest: o.outTest });
      else
        env.term.info(
          `wrote ${r.train} training rows to ${o.outTrain} and ${r.test} test rows to ${o.outTest}`,
        );
    },
  );

  const features = program.command('features').description('feature analysis');
  addDataOptions(
    features
      .command('rank')
      .description('rank features by information gain and Gini decrease against the task label')
      .requiredOption('--train <file>', 'data file')
      .requiredOption('--task <task>', 'binary | category | attack')
      .option('--bins <n>', 'equal-frequency bins for numeric features', '10')
      .option('--top <n>', 'show only the N best')
      .option('--json', 'print as JSON'),
  ).action(
    async (
      o: DataOptionValues & {
        train: string;
        task: string;
        bins: string;
        top?: string;
        json?: boolean;
      },
    ) => {
      const bins = intOption('--bins', o.bins, 2) ?? 10;
      const top = intOption('--top', o.top, 1);
      const loaded = await loadData(
        dataRequest(o.train, taskOption(o.task), o),
        env.term.progress(),
      );
      for (const n of loadNotes(loaded)) env.term.info(`note: ${n}`);
      const ranking = rankFeatures(loaded.dataset, { bins });
      const shown = top === undefined ? ranking : ranking.slice(0, top);
      if (o.json) {
        env.term.json(shown);
        return;
      }
      env.term.out(
        textTable(
          ['rank', 'feature', 'kind', 'info gain (bits)', 'gain ratio', 'Gini decrease'],
          shown.map((r, i) => [
            String(i + 1),
            r.feature,
            r.kind,
            r.infoGain.toFixed(4),
            r.gainRatio.toFixed(4),
            r.giniDecrease.toFixed(4),
          ]),
        ),
      );
    },
  );
}
