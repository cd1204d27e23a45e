// ESLint flat config. The layer table below is DESIGN.md's "who may import whom", encoded so that
// a wrong-direction import fails `npm test` (import/no-restricted-paths), plus import/no-cycle.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';

const LAYERS = [
  'core',
  'ml',
  'intel',
  'features',
  'ingest',
  'store',
  'knowledge',
  'detect',
  'share',
  'report',
  'api',
  'cli',
  'app',
];

/** May import (besides itself). `store` means the ports only; adapters are `store/sqlite`, `store/postgres`. */
const ALLOWED = {
  core: [],
  ml: ['core'],
  intel: ['core'],
  features: ['core', 'ml'],
  ingest: ['core', 'intel'],
  store: ['core', 'ml', 'intel'],
  knowledge: ['core', 'intel', 'ingest', 'store'],
  detect: ['core', 'ml', 'features', 'intel', 'ingest', 'store'],
  share: ['core', 'ml', 'intel', 'ingest', 'knowledge', 'store'],
  report: ['core', 'ml'],
  api: [
    'core',
    'ml',
    'features',
    'intel',
    'ingest',
    'store',
    'knowledge',
    'detect',
    'share',
    'report',
  ],
  cli: LAYERS,
  app: LAYERS,
};
const ADAPTERS = ['store/sqlite', 'store/postgres'];
const MAY_USE_ADAPTERS = new Set(['cli', 'app']);

function layerZones() {
  const zones = [];
  for (const layer of LAYERS) {
    const allowed = new Set([layer, ...ALLOWED[layer]]);
    const forbidden = LAYERS.filter((l) => !allowed.has(l));
    for (const other of forbidden) {
      zones.push({
        target: `./src/${layer}`,
        from: `./src/${other}`,
        message: `layer "${layer}" may not import "${other}" (DESIGN.md: who may import whom)`,
      });
    }
    if (allowed.has('store') && !MAY_USE_ADAPTERS.has(layer) && layer !== 'store') {
      for (const adapter of ADAPTERS) {
        zones.push({
          target: `./src/${layer}`,
          from: `./src/${adapter}`,
          message: `layer "${layer}" may use the store ports only, not the adapter "${adapter}"`,
        });
      }
    }
  }
  // The ports (files directly in src/store) never import an adapter.
  for (const adapter of ADAPTERS) {
    zones.push({
      target: './src/store/*.ts',
      from: `./src/${adapter}`,
      message: `store ports may not import the adapter "${adapter}"`,
    });
  }
  return zones;
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'var/**',
      'coverage/**',
      'data/**',
      'test/fixtures/**',
      'web/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' } },
      // no-cycle parses the imported files too: they are TypeScript.
      'import/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import/extensions': ['.ts', '.js'],
    },
    rules: {
      'import/no-restricted-paths': ['error', { zones: layerZones() }],
      'import/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  {
    // Tests, benchmarks and the CLI's entry write to the console on purpose.
    files: ['test/**', 'bench/**', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
);

export { LAYERS, ALLOWED };
