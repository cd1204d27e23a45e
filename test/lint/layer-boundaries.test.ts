/**
 * The ESLint configuration enforces DESIGN.md's "who may import whom": a wrong-direction import
 * is a lint error, so `npm test` fails on it. Checked here on virtual files in each layer.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/shared-data.js';

const eslint = new ESLint({ cwd: REPO_ROOT });
// The probes below are virtual files; no-cycle needs files on disk, so it is off for them.
const boundaryLint = new ESLint({
  cwd: REPO_ROOT,
  overrideConfig: { rules: { 'import/no-cycle': 'off' } },
});

async function boundaryErrors(file: string, importPath: string): Promise<string[]> {
  const code = `import * as m from '${importPath}';\nexport const x = m;\n`;
  const [result] = await boundaryLint.lintText(code, { filePath: `${REPO_ROOT}/${file}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'import/no-restricted-paths')
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

describe('import cycles', () => {
  it('a cycle between two modules is an error (import/no-cycle)', async () => {
    const dir = join(REPO_ROOT, 'test', 'lint', `cycle-probe-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(
        join(dir, 'a.ts'),
        "import { b } from './b.js';\nexport const a = (): number => b() + 1;\n",
      );
      writeFileSync(
        join(dir, 'b.ts'),
        "import { a } from './a.js';\nexport const b = (): number => a() - 1;\n",
      );
      const [result] = await eslint.lintFiles([join(dir, 'a.ts')]);
      expect(result?.messages.map((m) => m.ruleId)).toContain('import/no-cycle');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
