/**
 * `threatmesh backup` / `threatmesh restore` through the built CLI: a backup restores into a
 * new home with everything in it; a non-empty home needs --force; files that are not
 * ThreatMesh databases are refused before anything is touched; a PostgreSQL store points to
 * pg_dump.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStoreWithIntel } from '../../src/store/sqlite/intel-store.js';
import { cli, json, tempHome } from '../support/cli.js';
import { malware, sid } from '../store/intel-fixtures.js';

async function seed(home: string, n: number): Promise<void> {
  // A first command creates the home and its migrated database.
  expect(cli(home, ['models', '--json']).code).toBe(0);
  const store = openSqliteStoreWithIntel(join(home, 'threatmesh.db'));
  await store.intel.objects.upsert({
    objects: Array.from({ length: n }, (_, i) => malware(i + 1)),
    provenance: { source: 'test' },
  });
  await store.keys.trust('k'.repeat(43), 'partner');
  await store.close();
}

describe('threatmesh backup / restore', () => {
  it('backs up and restores into an empty home', async () => {
    const a = tempHome();
    await seed(a, 30);
    const out = join(a, 'backup.db');
    const b = json<{ file: string; intelObjects: number; schemaVersion: number }>(
      cli(a, ['backup', '--out', out, '--json']),
    );
    expect(b).toMatchObject({ file: out, intelObjects: 30 });
    expect(b.schemaVersion).toBeGreaterThanOrEqual(2);

    const fresh = tempHome();
    const r = json<{ restored: { intelObjects: number } }>(cli(fresh, ['restore', out, '--json']));
    expect(r.restored.intelObjects).toBe(30);
    const store = openSqliteStoreWithIntel(join(fresh, 'threatmesh.db'));
    expect((await store.intel.objects.get(sid('malware', 7)))?.object.name).toBe('malware 7');
    expect(await store.keys.list()).toMatchObject([{ label: 'partner' }]);
    await store.close();
  });

  it('refuses to overwrite a store with data unless --force', async () => {
    const a = tempHome();
    await seed(a, 3);
    const out = join(a, 'a.db');
    expect(cli(a, ['backup', '--out', out]).code).toBe(0);
    const b = tempHome();
    await seed(b, 5);
    const refused = cli(b, ['restore', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not empty.*--force/s);
    const forced = cli(b, ['restore', out, '--force', '--json']);
    expect(forced.code, forced.stderr).toBe(0);
    const store = openSqliteStoreWithIntel(join(b, 'threatmesh.db'));
    expect((await store.intel.objects.stats()).objects).toBe(3);
    await store.close();
  });

  it('refuses files that are not intact ThreatMesh databases', () => {
    const home = tempHome();
    const text = join(home, 'notes.txt');
    writeFileSync(text, 'hello');
    const r1 = cli(home, ['restore', text]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('is not a SQLite database');
    const other = join(home, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE t (x)');
    db.close();
    const r2 = cli(home, ['restore', other]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('not a ThreatMesh one');
    expect(cli(home, ['restore', join(home, 'missing.db')]).code).toBe(2);
  });

  it('points a PostgreSQL store to pg_dump and pg_restore', () => {
    const home = tempHome();
    const env = { THREATMESH_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    const b = cli(home, ['backup', '--out', join(home, 'x.db')], env);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('pg_dump');
    const r = cli(home, ['restore', join(home, 'x.db')], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pg_restore');
  });
});
