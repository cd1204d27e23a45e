import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { describeIntelContract } from '../../../test/store/intel-contract.js';
import { describeStoreContract } from '../../../test/store/store-contract.js';
import type { StoreWithIntel } from '../intel-ports.js';
import { openSqliteStoreWithIntel } from './intel-store.js';

const paths = new WeakMap<StoreWithIntel, string>();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function open(): Promise<StoreWithIntel> {
  const file = join(mkdtempSync(join(tmpdir(), 'tm-intel-')), 'test.db');
  dirs.push(dirname(file));
  const s = openSqliteStoreWithIntel(file);
  paths.set(s, file);
  return s;
}

async function reopen(s: StoreWithIntel): Promise<StoreWithIntel> {
  const file = paths.get(s)!;
  await s.close();
  return openSqliteStoreWithIntel(file);
}

// The base contract again over the store with intelligence: the second connection must not
// change how models, runs and keys behave.
describeStoreContract('sqlite with intel', open, (s) => reopen(s as StoreWithIntel));
describeIntelContract('sqlite', open, reopen);
