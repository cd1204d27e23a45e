import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory of ThreatMesh's package.json, found by walking up from this file, so that the
 * same code works from `src/` (tests) and from `dist/src/` (the built CLI).
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'threatmesh') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the threatmesh package.json');
    dir = parent;
  }
}
