/**
 * `threatmesh`: the command-line entry. Exit codes (DESIGN.md): 0 success; 2 bad input or
 * usage, with a one-line message naming where and how to fix; 1 unexpected failure, with a
 * one-line message and where the log is (the stack trace goes to the log only).
 */
import { CommanderError } from 'commander';
import { isThreatMeshError } from '../core/errors.js';
import { buildProgram, type CliState } from './program.js';
import { processTerminal } from './terminal.js';

const USER_ERRORS = new Set([
  'BAD_INPUT',
  'USAGE',
  'NOT_FOUND',
  'INTEGRITY',
  'UNTRUSTED',
  'CONFLICT',
]);

export async function runCli(argv: readonly string[]): Promise<number> {
  const term = processTerminal();
  const state: CliState = { context: undefined };
  const program = buildProgram(term, state);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage mistakes with 2.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isThreatMeshError(e) && USER_ERRORS.has(e.code)) {
      term.info(`threatmesh: ${e.describe()}`);
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    const log = state.context?.log;
    log?.error({ err: e }, 'unexpected failure');
    const where = state.context ? ` (details in ${state.context.paths.logFile})` : '';
    if (!state.context && process.env.THREATMESH_DEBUG === '1' && e instanceof Error) {
      process.stderr.write(`${e.stack ?? ''}\n`);
    }
    term.info(`threatmesh: unexpected error: ${message}${where}`);
    return 1;
  } finally {
    await state.context?.close();
  }
}

// A closed pipe (`threatmesh runs | head`) ends the output, not the command with a trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
