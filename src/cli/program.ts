/**
 * The commander program: every command, its options and help. The app context (store, keys,
 * logs under THREATMESH_HOME) is opened on first use, so `--help` and `datasets` touch nothing.
 */
import { Command, Option } from 'commander';
import { readConfig } from '../app/config.js';
import { openApp, type AppContext } from '../app/context.js';
import { packageRoot } from '../app/package-root.js';
import { VERSION } from '../app/version.js';
import { registerDataCommands } from './commands/data-commands.js';
import { registerExplainCommands } from './commands/explain-commands.js';
import { registerModelCommands } from './commands/model-commands.js';
import { registerServeCommands } from './commands/serve-commands.js';
import { registerStoreCommands } from './commands/store-commands.js';
import { registerUnsupervisedCommands } from './commands/unsupervised-commands.js';
import type { Terminal } from './terminal.js';

export interface CliState {
  context: AppContext | undefined;
}

export interface CommandEnv {
  readonly term: Terminal;
  /** The app context, opened on first call. */
  app(): AppContext;
}

export function buildProgram(term: Terminal, state: CliState): Command {
  const program = new Command('threatmesh')
    .description(
      'ThreatMesh: flow and log telemetry → machine-learning detections → shared threat intelligence.\n' +
        'State lives under THREATMESH_HOME (default ./var).',
    )
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => void process.stdout.write(s),
      writeErr: (s) => void process.stderr.write(s),
    });
  program.addOption(new Option('--no-color', 'no colours in output').hideHelp());
  const env: CommandEnv = {
    term,
    app: () => (state.context ??= openApp(readConfig(process.env, packageRoot()))),
  };
  registerDataCommands(program, env);
  registerModelCommands(program, env);
  registerExplainCommands(program, env);
  registerServeCommands(program, env);
  registerStoreCommands(program, env);
  registerUnsupervisedCommands(program, env);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}
