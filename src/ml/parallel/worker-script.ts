/**
 * Where a worker thread's script is. Workers need JavaScript files (docs/decisions/0009): the
 * CLI runs from `dist/`, where a module's sibling `.js` file exists; under Vitest the sources are
 * TypeScript, so the same path is looked up in the build (`dist/src/…`, which `npm test` makes
 * first). When neither exists the caller works on its own thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The built script `relativeJs` next to the module at `moduleUrl`, or null.
 *
 * @example
 * const script = builtWorkerScript(import.meta.url, './tree-worker.js');
 */
export function builtWorkerScript(moduleUrl: string, relativeJs: string): URL | null {
  const beside = new URL(relativeJs, moduleUrl);
  if (existsSync(fileURLToPath(beside))) return beside;
  const path = fileURLToPath(beside);
  const at = path.lastIndexOf('/src/');
  if (at < 0) return null;
  const built = `${path.slice(0, at)}/dist${path.slice(at)}`;
  return existsSync(built) ? pathToFileURL(built) : null;
}
