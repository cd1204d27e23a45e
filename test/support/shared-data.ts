/**
 * Where the real public data sets are (`../shared/data` beside the project). A fresh clone may
 * not have them: tests that read them are skipped with this reason, unless CI sets
 * THREATMESH_REQUIRE_SHARED=1, which makes their absence a failure.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const SHARED_DATA = resolve(root, '..', 'shared', 'data');
export const SHARED_ANCHORS = resolve(root, '..', 'shared', 'anchors');

export const hasSharedData = existsSync(join(SHARED_DATA, 'MANIFEST.md'));

if (!hasSharedData && process.env.THREATMESH_REQUIRE_SHARED === '1') {
  throw new Error(`THREATMESH_REQUIRE_SHARED=1 but ${SHARED_DATA} is missing`);
}

/** Reason to pass to `describe.skipIf(!hasSharedData)` style skips, printed in the test name. */
export const SHARED_SKIP_REASON = '(skipped: ../shared/data is not beside this checkout)';

/** Path of a file under ../shared/data. */
export function sharedFile(...parts: string[]): string {
  return join(SHARED_DATA, ...parts);
}

/** The repository root. */
export const REPO_ROOT = root;
