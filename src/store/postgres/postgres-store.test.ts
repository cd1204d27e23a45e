import { afterAll, describe, expect, it } from 'vitest';
import { describeIntelContract } from '../../../test/store/intel-contract.js';
import { PG_URL, pgSchemas, pgSkipReason } from '../../../test/store/pg-test-env.js';
import { describeStoreContract } from '../../../test/store/store-contract.js';
import type { StoreWithIntel } from '../intel-ports.js';
import { connectPostgresStore, openPostgresStore } from './postgres-store.js';

const skip = await pgSkipReason();
const pgs = pgSchemas();

async function reopen(s: StoreWithIntel): Promise<StoreWithIntel> {
  const schema = pgs.schemaOf(s);
  await s.close();
  return connectPostgresStore({ url: PG_URL!, schema });
}

describe.skipIf(skip !== null)(`postgres${skip === null ? '' : ` ${skip}`}`, () => {
  afterAll(() => pgs.dropAll());

  describeStoreContract(
    'postgres',
    () => pgs.open(),
    (s) => reopen(s as StoreWithIntel),
  );
  describeIntelContract('postgres', () => pgs.open(), reopen);

  describe('postgres adapter', () => {
    it('migrates a schema once, even when two processes start together', async () => {
      const a = await pgs.open();
      const schema = pgs.schemaOf(a);
      const [b, c] = await Promise.all([
        connectPostgresStore({ url: PG_URL!, schema }),
        connectPostgresStore({ url: PG_URL!, schema }),
      ]);
      await a.intel.objects.upsert({ objects: [], provenance: { source: 'x' } });
      expect(await b.intel.organisations.list()).toHaveLength(1);
      await Promise.all([a.close(), b.close(), c.close()]);
    });

    it('opens lazily: the first call waits for the migrations', async () => {
      const a = await pgs.open();
      const schema = pgs.schemaOf(a);
      await a.close();
      const lazy = openPostgresStore({ url: PG_URL!, schema });
      expect((await lazy.intel.organisations.local()).id).toBe('org_local');
      expect(await lazy.changeSeq()).toBe(0);
      await lazy.close();
    });

    it('reports an unreachable server as a usage error without the password', async () => {
      const url = 'postgres://someone:s3cret@127.0.0.1:1/nowhere';
      const err = await connectPostgresStore({ url }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'USAGE' });
      expect(String((err as Error).message)).not.toContain('s3cret');
      expect((err as { hint?: string }).hint).toMatch(/THREATMESH_DATABASE_URL/);
      const lazy = openPostgresStore({ url });
      await expect(lazy.models.list()).rejects.toMatchObject({ code: 'USAGE' });
      await lazy.close();
    });

    it('refuses a schema name that is not a plain identifier', async () => {
      await expect(
        connectPostgresStore({ url: PG_URL!, schema: 'x; DROP TABLE y' }),
      ).rejects.toMatchObject({ code: 'USAGE' });
    });
  });
});
