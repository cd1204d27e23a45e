/**
 * Organisations and collections on PostgreSQL (the same behaviour as store/sqlite/intel-orgs).
 * Unique constraints decide conflicts, so two workers cannot both create one name.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import {
  LOCAL_ORGANISATION_ID,
  type IntelCollections,
  type Organisations,
} from '../intel-ports.js';
import {
  checkCollectionInput,
  checkOrganisationInput,
  checkTlp,
  DEFAULT_TLP,
  collectionIdTaken,
  orgNameTaken,
  toCollection,
  toOrg,
  type CollectionRow,
  type OrgRow,
} from '../intel/organisations.js';
import { bumpChangeSeq, inTransaction } from './pg-pool.js';

export function postgresOrganisations(pool: pg.Pool): Organisations {
  const byId = async (id: string) =>
    (await pool.query<OrgRow>('SELECT * FROM intel_orgs WHERE id = $1', [id])).rows[0];
  return {
    local: async () => toOrg((await byId(LOCAL_ORGANISATION_ID))!),
    async create(input) {
      const c = checkOrganisationInput(input);
      const row: OrgRow = {
        id: newId('org'),
        name: c.name,
        default_tlp: c.defaultTlp ?? DEFAULT_TLP,
        created_at: new Date().toISOString(),
      };
      return inTransaction(pool, async (client) => {
        const r = await client.query(
          `INSERT INTO intel_orgs (id, name, default_tlp, created_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (name) DO NOTHING`,
          [row.id, row.name, row.default_tlp, row.created_at],
        );
        if (r.rowCount === 0) throw orgNameTaken(row.name);
        await bumpChangeSeq(client);
        return toOrg(row);
      });
    },
    async find(idOrName) {
      const r = await pool.query<OrgRow>(
        'SELECT * FROM intel_orgs WHERE id = $1 OR name = $1 ORDER BY id = $1 DESC LIMIT 1',
        [idOrName],
      );
      return r.rows[0] ? toOrg(r.rows[0]) : undefined;
    },
    async list() {
      const r = await pool.query<OrgRow>('SELECT * FROM intel_orgs ORDER BY created_at, id');
      return r.rows.map(toOrg);
    },
    async setDefaultTlp(id, tlp) {
      checkTlp(tlp);
      return inTransaction(pool, async (client) => {
        const r = await client.query<OrgRow>(
          'UPDATE intel_orgs SET default_tlp = $1 WHERE id = $2 RETURNING *',
          [tlp, id],
        );
        if (!r.rows[0]) throw notFound(`no organisation ${id}`);
        await bumpChangeSeq(client);
        return toOrg(r.rows[0]);
      });
    },
  };
}

export function postgresCollections(pool: pg.Pool): IntelCollections {
  return {
    async create(input) {
      const c = checkCollectionInput(input);
      const row: CollectionRow = {
        id: c.id ?? randomUUID(),
        title: c.title,
        description: c.description ?? '',
        default_tlp: c.defaultTlp ?? null,
        created_at: new Date().toISOString(),
      };
      return inTransaction(pool, async (client) => {
        const r = await client.query(
          `INSERT INTO intel_collections (id, title, description, default_tlp, created_at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
          [row.id, row.title, row.description, row.default_tlp, row.created_at],
        );
        if (r.rowCount === 0) throw collectionIdTaken(row.id);
        await bumpChangeSeq(client);
        return toCollection(row);
      });
    },
    async get(id) {
      const r = await pool.query<CollectionRow>('SELECT * FROM intel_collections WHERE id = $1', [
        id,
      ]);
      return r.rows[0] ? toCollection(r.rows[0]) : undefined;
    },
    async list() {
      const r = await pool.query<CollectionRow>(
        'SELECT * FROM intel_collections ORDER BY created_at, id',
      );
      return r.rows.map(toCollection);
    },
  };
}
