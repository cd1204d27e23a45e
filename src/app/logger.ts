import { pino, type Logger } from 'pino';
import type { HomePaths } from './home.js';

/**
 * JSON-lines log under THREATMESH_HOME/logs. Synchronous writes so that the record of a failure
 * is on disk before the process exits.
 */
export function createLogger(
  paths: HomePaths,
  level = process.env.THREATMESH_LOG_LEVEL ?? 'info',
): Logger {
  return pino({ level }, pino.destination({ dest: paths.logFile, sync: true, mkdir: true }));
}

export type { Logger };
