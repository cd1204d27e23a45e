import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreContract } from '../../../test/store/store-contract.js';
import type { Store } from '../ports.js';
import { openSqliteStore } from './sqlite-store.js';

const paths = new WeakMap<Store, string>();

function open(): Store {
  const file = join(mkdtempSync(join(tmpdir(), 'tm-sqlite-')), 'test.db');
  const s = openSqliteStore(file);
  paths.set(s, file);
  return s;
}

describeStoreContract('sqlite', open, async (s) => {
  const file = paths.get(s)!;
  await s.close();
  return openSqliteStore(file);
});
