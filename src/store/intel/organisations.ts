/**
 * Organisations and collections as both adapters store them: input checks and row mapping.
 */
import { ThreatMeshError, usageError } from '../../core/errors.js';
import type { IntelCollection, Organisation } from '../intel-ports.js';
import { TLP_LEVELS, type TlpLevel } from '../../core/stix/tlp.js';

/** The marking of a new organisation's objects unless configured (issue 6, item 2). */
export const DEFAULT_TLP: TlpLevel = 'amber';

export function isTlpLevel(value: unknown): value is TlpLevel {
  return (TLP_LEVELS as readonly unknown[]).includes(value);
}

export interface OrgRow {
  id: string;
  name: string;
  default_tlp: TlpLevel;
  created_at: string;
}

export interface CollectionRow {
  id: string;
  title: string;
  description: string;
  default_tlp: TlpLevel | null;
  created_at: string;
}

export const toOrg = (r: OrgRow): Organisation => ({
  id: r.id,
  name: r.name,
  defaultTlp: r.default_tlp,
  createdAt: r.created_at,
});

export const toCollection = (r: CollectionRow): IntelCollection => ({
  id: r.id,
  title: r.title,
  description: r.description,
  defaultTlp: r.default_tlp,
  createdAt: r.created_at,
});

export function orgNameTaken(name: string): ThreatMeshError {
  return new ThreatMeshError('CONFLICT', `an organisation named ${name} exists already`, {
    hint: 'choose another name',
  });
}

export function collectionIdTaken(id: string): ThreatMeshError {
  return new ThreatMeshError('CONFLICT', `a collection with id ${id} exists already`, {
    hint: 'choose another id, or leave it out for a new UUID',
  });
}

/** USAGE error unless `tlp` is absent or a TLP 2.0 level. */
export function checkTlp(tlp: TlpLevel | undefined): void {
  if (tlp !== undefined && !isTlpLevel(tlp)) {
    throw usageError(`unknown TLP level ${JSON.stringify(tlp)}`, {
      hint: `one of ${TLP_LEVELS.join(', ')}`,
    });
  }
}

function checkText(what: string, text: unknown): string {
  if (typeof text !== 'string' || text.trim() === '' || text.length > 200) {
    throw usageError(`${what} must be 1–200 characters`, {
      hint: `give the ${what} as plain text`,
    });
  }
  return text.trim();
}

export function checkOrganisationInput<T extends { name: string; defaultTlp?: TlpLevel }>(
  input: T,
): T {
  checkText('organisation name', input.name);
  checkTlp(input.defaultTlp);
  return { ...input, name: input.name.trim() };
}

export function checkCollectionInput<
  T extends { id?: string; title: string; description?: string; defaultTlp?: TlpLevel },
>(input: T): T {
  checkText('collection title', input.title);
  if (input.id !== undefined) checkText('collection id', input.id);
  checkTlp(input.defaultTlp);
  return input;
}
