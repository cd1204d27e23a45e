/**
 * The ESLint configuration enforces DESIGN.md's "who may import whom": a wrong-direction import
 * is a lint error, so `npm test` fails on it. Checked here on virtual files in each layer.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/shared-data.js';

const eslint = new ESLint({ cwd: REPO_ROOT });

async function boundaryErrors(file: string, importPath: string): Promise<string[]> {
  const code = `import * as m from '${importPath}';\nexport const x = m;\n`;
  const [result] = await eslint.lintText(code, { filePath: `${REPO_ROOT}/${file}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'import-x/no-restricted-paths')
    .map((m) => m.message);
}

describe('layer boundaries (DESIGN.md: who may import whom)', () => {
  it.each([
    ['src/core/probe.ts', '../ml/model.js', 'core may import nothing of ours'],
    ['src/ml/probe.ts', '../features/index.js', 'ml may not import features'],
    ['src/features/probe.ts', '../ingest/index.js', 'features may not import ingest'],
    ['src/ingest/probe.ts', '../ml/model.js', 'ingest may not import ml'],
    ['src/report/probe.ts', '../store/ports.js', 'report may not import store'],
    ['src/api/probe.ts', '../store/sqlite/sqlite-store.js', 'api may not use a store adapter'],
    ['src/api/probe.ts', '../app/context.js', 'api may not import app'],
    ['src/store/probe.ts', './sqlite/sqlite-store.js', 'ports may not import adapters'],
  ])('%s importing %s is an error (%s)', async (file, target) => {
    expect(await boundaryErrors(file, target)).toHaveLength(1);
  });

  it.each([
    ['src/ml/probe.ts', '../core/dataset.js'],
    ['src/features/probe.ts', '../ml/model.js'],
    ['src/store/probe.ts', '../ml/bundle.js'],
    ['src/store/sqlite/probe.ts', '../ports.js'],
    ['src/api/probe.ts', '../report/html-page.js'],
    ['src/app/probe.ts', '../store/sqlite/sqlite-store.js'],
    ['src/cli/probe.ts', '../app/context.js'],
  ])('%s importing %s is allowed', async (file, target) => {
    expect(await boundaryErrors(file, target)).toEqual([]);
  });
});
