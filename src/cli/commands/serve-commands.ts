/**
 * `serve` (API and pages, no seeding) and `start` (what `npm start` runs: first-run seeding,
 * then serve).
 */
import type { Command } from 'commander';
import { seedIfEmpty } from '../../app/seed.js';
import { startServer, untilSignal } from '../../app/serve.js';
import type { CommandEnv } from '../program.js';

async function serve(env: CommandEnv): Promise<void> {
  const app = env.app();
  const running = await startServer(app);
  env.term.info(
    `ThreatMesh is listening on ${running.url}/ (home ${app.config.home}); Ctrl-C stops it`,
  );
  const sig = await untilSignal();
  env.term.info(`received ${sig}, stopping`);
  await running.close();
}

export function registerServeCommands(program: Command, env: CommandEnv): void {
  program
    .command('serve')
    .description(
      'serve the API and pages on THREATMESH_HOST:THREATMESH_PORT (default 127.0.0.1:7470)',
    )
    .action(async () => serve(env));
  program
    .command('start')
    .description(
      'first start: train and evaluate the default model from the bundled data; then serve',
    )
    .action(async () => {
      await seedIfEmpty(env.app(), env.term.progress(), env.term.info);
      await serve(env);
    });
}
