/**
 * Organisations and collections on SQLite: the minimal tables the marking rules need (the
 * sharing issue extends organisations, the TAXII issue collections).
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type {
  IntelCollection,
  IntelCollections,
  Organisation,
  Organisations,
} from '../intel-ports.js';
import { LOCAL_ORGANISATION_ID } from '../intel-ports.js';
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
import type { TlpLevel } from '../../core/stix/tlp.js';

export function sqliteOrganisations(db: Database.Database, bump: () => void): Organisations {
  const byId = db.prepare('SELECT * FROM intel_orgs WHERE id = ?');
  const byName = db.prepare('SELECT * FROM intel_orgs WHERE name = ?');
  const insert = db.prepare(
    'INSERT INTO intel_orgs (id, name, default_tlp, created_at) VALUES (?, ?, ?, ?)',
  );
  const setTlp = db.prepare('UPDATE intel_orgs SET default_tlp = ? WHERE id = ?');
  const create = db.transaction((name: string, tlp: TlpLevel): Organisation => {
    if (byName.get(name) !== undefined) throw orgNameTaken(name);
    const row: OrgRow = {
      id: newId('org'),
      name,
      default_tlp: tlp,
      created_at: new Date().toISOString(),
    };
    insert.run(row.id, row.name, row.default_tlp, row.created_at);
    bump();
    return toOrg(row);
  });
  const setDefault = db.transaction((id: string, tlp: TlpLevel): Organisation => {
    if (setTlp.run(tlp, id).changes === 0) throw notFound(`no organisation ${id}`);
    bump();
    return toOrg(byId.get(id) as OrgRow);
  });
  return {
    local: async () => toOrg(byId.get(LOCAL_ORGANISATION_ID) as OrgRow),
    async create(input) {
      const c = checkOrganisationInput(input);
      return create.immediate(c.name, c.defaultTlp ?? DEFAULT_TLP);
    },
    async find(idOrName) {
      const r = (byId.get(idOrName) ?? byName.get(idOrName)) as OrgRow | undefined;
      return r ? toOrg(r) : undefined;
    },
    list: async () =>
      (db.prepare('SELECT * FROM intel_orgs ORDER BY created_at, id').all() as OrgRow[]).map(toOrg),
    async setDefaultTlp(id, tlp) {
      checkTlp(tlp);
      return setDefault.immediate(id, tlp);
    },
  };
}

export function sqliteCollections(db: Database.Database, bump: () => void): IntelCollections {
  const byId = db.prepare('SELECT * FROM intel_collections WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO intel_collections (id, title, description, default_tlp, created_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const create = db.transaction((row: CollectionRow): IntelCollection => {
    if (byId.get(row.id) !== undefined) throw collectionIdTaken(row.id);
    insert.run(row.id, row.title, row.description, row.default_tlp, row.created_at);
    bump();
    return toCollection(row);
  });
  return {
    async create(input) {
      const c = checkCollectionInput(input);
      return create.immediate({
        id: c.id ?? randomUUID(),
        title: c.title,
        description: c.description ?? '',
        default_tlp: c.defaultTlp ?? null,
        created_at: new Date().toISOString(),
      });
    },
    async get(id) {
      const r = byId.get(id) as CollectionRow | undefined;
      return r ? toCollection(r) : undefined;
    },
    list: async () =>
      (
        db
          .prepare('SELECT * FROM intel_collections ORDER BY created_at, id')
          .all() as CollectionRow[]
      ).map(toCollection),
  };
}
