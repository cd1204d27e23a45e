/**
 * How long-running work reports progress without knowing who shows it: the CLI draws a bar on
 * a TTY, the server publishes events, tests pass a no-op.
 */
export interface Progress {
  /** A new phase such as "reading KDDTrain+.txt" with its total (bytes, trees…). */
  phase(label: string, total: number): void;
  update(done: number, total?: number): void;
  done(): void;
}

export const silentProgress: Progress = {
  phase: () => undefined,
  update: () => undefined,
  done: () => undefined,
};
