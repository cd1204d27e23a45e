/**
 * Where the CLI writes: one JSON document on stdout with --json, human tables and messages on
 * stderr, progress bars on stderr only when it is a terminal.
 */
import cliProgress from 'cli-progress';
import type { Progress } from '../app/progress.js';

export interface Terminal {
  /** Human-readable text (stderr, so stdout stays clean for --json and pipes). */
  info(text: string): void;
  /** The command's machine-readable result on stdout. */
  json(value: unknown): void;
  /** Plain result text on stdout (ids, tables when not --json). */
  out(text: string): void;
  progress(): Progress;
}

export function processTerminal(): Terminal {
  const tty = process.stderr.isTTY === true && process.env.THREATMESH_NO_PROGRESS !== '1';
  return {
    info: (text) => void process.stderr.write(`${text}\n`),
    json: (value) => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    out: (text) => void process.stdout.write(`${text}\n`),
    progress: () => (tty ? barProgress() : quietProgress()),
  };
}

function barProgress(): Progress {
  let bar: cliProgress.SingleBar | null = null;
  return {
    phase(label, total) {
      bar?.stop();
      bar = new cliProgress.SingleBar(
        {
          format: `${label.padEnd(34).slice(0, 34)} [{bar}] {percentage}% | {eta_formatted} left`,
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(Math.max(1, total), 0);
    },
    update(done, total) {
      if (total !== undefined) bar?.setTotal(Math.max(1, total));
      bar?.update(done);
    },
    done() {
      bar?.stop();
      bar = null;
    },
  };
}

/** Not a terminal: one line per phase, no bars. */
function quietProgress(): Progress {
  return {
    phase: (label) => void process.stderr.write(`${label}…\n`),
    update: () => undefined,
    done: () => undefined,
  };
}

/** Format rows as an aligned text table. */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
