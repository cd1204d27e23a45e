#!/usr/bin/env node
// Entry point installed as `threatmesh`: runs the compiled CLI (built by `npm install`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write(
    'threatmesh: the CLI is not built yet; run `npm install` (or `npm run build`) first\n',
  );
  process.exit(1);
}
await import(main.href);
