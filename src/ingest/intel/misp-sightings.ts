/**
 * MISP organisations and sightings as STIX: an organisation is an identity (its uuid kept);
 * a sighting (type 0) a STIX sighting of the attribute's indicator or observed-data, where the
 * sighting organisation saw it; a false-positive report (type 1) an opinion that strongly
 * disagrees; an expiration (type 2) an opinion that disagrees (STIX has no sighting of either).
 */
import type { StixObject } from '../../core/stix/object.js';
import { mispTime } from './misp-attribute.js';
import { asObject } from './misp-context.js';
import { mintedId } from './minted-objects.js';

type Obj = Record<string, unknown>;

const UUID = /^[0-9a-f-]{36}$/i;

/**
 * The identity of a MISP organisation (`Org`, `Orgc`, a sighting's `Organisation`).
 *
 * @example orgIdentity({ name: 'CIRCL', uuid: '55f6ea5e-2c60-40e5-964f-47a8950d210f' }, t)?.id // 'identity--55f6ea5e-…'
 */
export function orgIdentity(org: unknown, created: string): StixObject | undefined {
  const o = asObject(org);
  const name = typeof o?.name === 'string' && o.name.trim() !== '' ? o.name.trim() : undefined;
  if (o === undefined || name === undefined) return undefined;
  const uuid = typeof o.uuid === 'string' && UUID.test(o.uuid) ? o.uuid.toLowerCase() : undefined;
  return {
    type: 'identity',
    spec_version: '2.1',
    id: uuid !== undefined ? `identity--${uuid}` : mintedId('identity', `misp-org:${name}`),
    created,
    modified: created,
    name,
    identity_class: 'organization',
  };
}

/**
 * The STIX object of one MISP sighting of `of` (an indicator or observed-data id), and the
 * identity of the organisation that made it. `created` dates the organisation's identity.
 *
 * @example mapSighting({ type: '0', date_sighting: '1551253950', Organisation: org }, 'indicator--…', t).object.type // 'sighting'
 */
export function mapSighting(
  s: Obj,
  of: string,
  created: string,
): { object: StixObject; org: StixObject | undefined } {
  const at = mispTime(s.date_sighting) ?? created;
  const org = orgIdentity(s.Organisation, created);
  const uuid = typeof s.uuid === 'string' && UUID.test(s.uuid) ? s.uuid.toLowerCase() : undefined;
  const kind = String(s.type ?? '0');
  const base = {
    spec_version: '2.1',
    created: at,
    modified: at,
    ...(org ? { created_by_ref: org.id } : {}),
  };
  if (kind === '0') {
    return {
      org,
      object: {
        type: 'sighting',
        id:
          uuid !== undefined
            ? `sighting--${uuid}`
            : mintedId('sighting', `${of}|${at}|${org?.id ?? ''}`),
        ...base,
        sighting_of_ref: of,
        first_seen: at,
        last_seen: at,
        count: 1,
        ...(org ? { where_sighted_refs: [org.id] } : {}),
      },
    };
  }
  return {
    org,
    object: {
      type: 'opinion',
      id: uuid !== undefined ? `opinion--${uuid}` : mintedId('opinion', `${of}|${at}|${kind}`),
      ...base,
      opinion: kind === '1' ? 'strongly-disagree' : 'disagree',
      explanation:
        kind === '1' ? 'MISP false-positive sighting' : 'MISP expiration sighting: no longer valid',
      object_refs: [of],
      x_misp_sighting_type: kind,
    },
  };
}
