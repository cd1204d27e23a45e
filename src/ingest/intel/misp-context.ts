/**
 * The context MISP attaches to events and attributes: tags (→ labels, and `tlp:*` → a TLP
 * marking) and galaxy clusters (→ the STIX objects they name: ATT&CK techniques and groups,
 * threat actors, malware families, tools, mitigations). A cluster with an ATT&CK id
 * (`APT32 - G0050`) resolves to the ATT&CK object already in the store when there is one.
 */
import type { StixObject } from '../../core/stix/object.js';
import { parseTlp, type TlpLevel } from '../../core/stix/tlp.js';
import { mintedId } from './minted-objects.js';

type Obj = Record<string, unknown>;

export function asObject(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

export function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export interface TagContext {
  readonly labels: string[];
  /** The strictest `tlp:` tag, or null. */
  readonly tlp: TlpLevel | null;
}

/**
 * Labels and TLP of a MISP `Tag` list. `tlp:white` means TLP:CLEAR; a `tlp:` tag that names no
 * level (`tlp:ex:chr`) stays a label.
 *
 * @example readTags([{ name: 'tlp:white' }, { name: 'type:OSINT' }]) // { labels: ['type:OSINT'], tlp: 'clear' }
 */
export function readTags(tags: unknown): TagContext {
  const labels: string[] = [];
  let tlp: TlpLevel | null = null;
  const rank: readonly TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];
  for (const t of asList(tags)) {
    const name = asObject(t)?.name;
    if (typeof name !== 'string' || name.trim() === '') continue;
    const level = /^tlp:/i.test(name) ? parseTlp(name) : null;
    if (level === null) labels.push(name);
    else if (tlp === null || rank.indexOf(level) > rank.indexOf(tlp)) tlp = level;
  }
  return { labels, tlp };
}

/** A galaxy cluster as a STIX object (absent when it resolved to a stored one) and its id. */
export interface ClusterTarget {
  readonly id: string;
  readonly type: string;
  readonly object?: StixObject;
}

/** Finds a stored object by type and ATT&CK id (`T1059`, `G0050`, `S0031`, `M1042`). */
export type AttackResolver = (type: string, externalId: string) => string | undefined;

const ATTACK_ID = / - ([TGSMC]\d{4}(?:\.\d{3})?)$/;

/** The STIX type a MISP galaxy's clusters describe, or null for galaxies kept as labels only. */
export function galaxyStixType(galaxyType: string): string | null {
  const t = galaxyType.toLowerCase();
  if (t.includes('attack-pattern')) return 'attack-pattern';
  if (t.includes('course-of-action')) return 'course-of-action';
  if (t.includes('intrusion-set')) return 'intrusion-set';
  if (t.includes('threat-actor')) return 'threat-actor';
  if (t.includes('tool')) return 'tool';
  const malware = [
    'malware',
    'malpedia',
    'ransomware',
    'banker',
    'rat',
    'botnet',
    'android',
    'backdoor',
    'stealer',
    'exploit-kit',
  ];
  return malware.some((m) => t.includes(m)) ? 'malware' : null;
}

function attackId(cluster: Obj): string | undefined {
  const meta = asObject(cluster.meta);
  const ext = asList(meta?.external_id)[0];
  if (typeof ext === 'string' && /^[TGSMC]\d{4}(\.\d{3})?$/.test(ext)) return ext;
  const m = typeof cluster.value === 'string' ? ATTACK_ID.exec(cluster.value) : null;
  return m?.[1];
}

/**
 * The STIX objects of the galaxy clusters in a MISP `Galaxy` list, created at `created`.
 * Clusters of galaxies with no STIX type are skipped (their tags are labels already).
 *
 * @example galaxyTargets([{ type: 'mitre-intrusion-set', GalaxyCluster: [{ value: 'APT32 - G0050' }] }], t, resolve)
 */
export function galaxyTargets(
  galaxies: unknown,
  created: string,
  resolve?: AttackResolver,
): ClusterTarget[] {
  const out: ClusterTarget[] = [];
  for (const g of asList(galaxies)) {
    const galaxy = asObject(g);
    const galaxyType = typeof galaxy?.type === 'string' ? galaxy.type : '';
    const type = galaxyStixType(galaxyType);
    if (galaxy === undefined || type === null) continue;
    for (const c of asList(galaxy.GalaxyCluster)) {
      const cluster = asObject(c);
      if (cluster === undefined || typeof cluster.value !== 'string' || cluster.value.trim() === '')
        continue;
      const ext = attackId(cluster);
      const resolved = ext === undefined ? undefined : resolve?.(type, ext);
      if (resolved !== undefined) {
        out.push({ id: resolved, type: resolved.slice(0, resolved.indexOf('--')) });
        continue;
      }
      out.push(clusterObject(cluster, type, galaxyType, ext, created));
    }
  }
  return out;
}

function clusterObject(
  cluster: Obj,
  type: string,
  galaxyType: string,
  ext: string | undefined,
  created: string,
): ClusterTarget {
  const value = (cluster.value as string).trim();
  // Not the cluster's "uuid": older MISP exports give every cluster of a galaxy the galaxy's.
  const id = mintedId(type, `misp-galaxy:${galaxyType}:${value}`);
  const meta = asObject(cluster.meta);
  const refs = asList(meta?.refs).filter(
    (r): r is string => typeof r === 'string' && /^https?:\/\//.test(r),
  );
  const externalReferences: Obj[] = [];
  if (ext !== undefined) externalReferences.push({ source_name: 'mitre-attack', external_id: ext });
  for (const url of refs) externalReferences.push({ source_name: 'misp-galaxy', url });
  const o: Obj = {
    type,
    spec_version: '2.1',
    id,
    created,
    modified: created,
    name: ext !== undefined ? value.replace(ATTACK_ID, '') : value,
    labels: [`misp:galaxy-type="${galaxyType}"`],
  };
  if (typeof cluster.description === 'string' && cluster.description.trim() !== '')
    o.description = cluster.description;
  const synonyms = asList(meta?.synonyms).filter((s): s is string => typeof s === 'string');
  if (synonyms.length > 0 && ['intrusion-set', 'threat-actor', 'malware', 'tool'].includes(type))
    o.aliases = synonyms;
  if (type === 'malware') o.is_family = true;
  if (externalReferences.length > 0) o.external_references = externalReferences;
  return { id, type, object: o as StixObject };
}

/**
 * The relationship that links an indicator (or observed-data) to a cluster: it `indicates` a
 * technique, group, actor, malware or tool; a course of action `mitigates` it.
 */
export function clusterRelationship(
  fromId: string,
  target: ClusterTarget,
  created: string,
): StixObject {
  const fromIndicator = fromId.startsWith('indicator--');
  const [source, kind, dest] = !fromIndicator
    ? [fromId, 'related-to', target.id]
    : target.type === 'course-of-action'
      ? [target.id, 'mitigates', fromId]
      : [fromId, 'indicates', target.id];
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: mintedId('relationship', `${kind}|${source}|${dest}`),
    created,
    modified: created,
    relationship_type: kind,
    source_ref: source,
    target_ref: dest,
  };
}
