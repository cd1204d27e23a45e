/**
 * Human-readable output of the model commands (stdout tables; --json bypasses this).
 */
import type { CvResult } from '../../app/experiments/cross-validate.js';
import type { EvalJson } from '../../app/experiments/evaluate.js';
import type { RunRecord, StoredModel } from '../../store/ports.js';
import { textTable, type Terminal } from '../terminal.js';

const f4 = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : v.toFixed(4);

export function printEvaluation(term: Terminal, r: EvalJson): void {
  term.out(
    textTable(
      ['metric', 'value'],
      [
        ['rows', String(r.n)],
        ['accuracy', f4(r.accuracy)],
        ['macro F1', f4(r.macroF1)],
        ['weighted F1', f4(r.weightedF1)],
        ['ROC-AUC', f4(r.rocAuc)],
        ['PR-AUC', f4(r.prAuc)],
        ['fit seconds', r.fitSeconds === null ? '—' : r.fitSeconds.toFixed(2)],
        ['prediction rows/s', Math.round(r.predictRowsPerSecond).toLocaleString('en-US')],
      ],
    ),
  );
  term.out('');
  term.out(
    textTable(
      ['class', 'precision', 'recall', 'F1', 'support'],
      r.perClass.map((c) => [c.class, f4(c.precision), f4(c.recall), f4(c.f1), String(c.support)]),
    ),
  );
  term.out('');
  term.out('confusion matrix (rows = true, columns = predicted):');
  const cls = r.confusion.classes;
  term.out(
    textTable(
      ['true \\ predicted', ...cls],
      r.confusion.matrix.map((row, i) => [cls[i] ?? '', ...row.map(String)]),
    ),
  );
  if (r.unseenClasses.length) {
    term.out(`\nclasses never seen in training (always wrong): ${r.unseenClasses.join(', ')}`);
  }
}

export function printCv(term: Terminal, r: CvResult): void {
  const rows = Object.entries(r.metrics).map(([name, m]) => [
    name,
    f4(m.mean),
    f4(m.std),
    m.folds.map((v) => (v === null ? '—' : v.toFixed(3))).join(' '),
  ]);
  term.out(`${r.model} · ${r.task} · ${r.folds}-fold stratified, seed ${r.seed}, ${r.n} rows`);
  term.out(textTable(['metric', 'mean', 'std', 'per fold'], rows));
}

export function printModels(term: Terminal, list: readonly StoredModel[]): void {
  if (!list.length) {
    term.out('no models registered yet: `threatmesh train …` makes one');
    return;
  }
  term.out(
    textTable(
      ['id', 'name', 'kind', 'dataset', 'task', 'created', 'fit s', 'size'],
      list.map((m) => [
        m.id,
        m.name ?? '',
        m.kind,
        m.dataset,
        m.task,
        m.createdAt.slice(0, 19).replace('T', ' '),
        m.fitSeconds.toFixed(1),
        `${(m.bytes / 1024).toFixed(0)} KiB`,
      ]),
    ),
  );
}

export function printRuns(term: Terminal, runs: readonly RunRecord[]): void {
  if (!runs.length) {
    term.out('no runs recorded yet');
    return;
  }
  const metric = (r: RunRecord, k: string): string => {
    const v = r.metrics[k];
    return typeof v === 'number' ? v.toFixed(4) : '';
  };
  term.out(
    textTable(
      [
        'id',
        'kind',
        'model',
        'dataset',
        'task',
        'file',
        'accuracy',
        'macro F1',
        'started',
        'seconds',
      ],
      runs.map((r) => [
        r.id,
        r.kind,
        r.model ?? '',
        r.dataset,
        r.task,
        r.file,
        metric(r, 'accuracy'),
        metric(r, 'macroF1'),
        r.startedAt.slice(0, 19).replace('T', ' '),
        r.seconds.toFixed(1),
      ]),
    ),
  );
}
