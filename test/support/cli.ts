/**
 * Runs the built `threatmesh` command as a user would (a child process), with its own
 * THREATMESH_HOME, and returns what it printed. `npm test` builds first.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './shared-data.js';

const BIN = join(REPO_ROOT, 'bin', 'threatmesh.js');

if (!existsSync(join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js'))) {
  throw new Error('the CLI is not built: run `npm run build` (npm test does it first)');
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function tempHome(prefix = 'tm-home-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function cli(
  home: string,
  args: readonly string[],
  env: Record<string, string> = {},
): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, THREATMESH_HOME: home, THREATMESH_NO_PROGRESS: '1', ...env },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Parse the single JSON document a `--json` command prints on stdout. */
export function json<T = unknown>(r: CliResult): T {
  if (r.code !== 0) throw new Error(`command failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export interface Served {
  readonly url: string;
  stop(): Promise<number | null>;
  readonly stderr: () => string;
}

/** Start `threatmesh <command>` (serve or start) on a free port; resolves once it listens. */
export function serve(
  home: string,
  command: 'serve' | 'start',
  timeoutMs = 240_000,
): Promise<Served> {
  const child = spawn(process.execPath, [BIN, command], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      THREATMESH_HOME: home,
      THREATMESH_PORT: '0',
      THREATMESH_NO_PROGRESS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${err}`));
    }, timeoutMs);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      err += d;
      const m = /listening on (http:\/\/[^/\s]+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          stderr: () => err,
          stop: () =>
            new Promise((done) => {
              child.once('exit', (code) => done(code));
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${err}`));
    });
  });
}
