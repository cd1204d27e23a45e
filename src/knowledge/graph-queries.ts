/**
 * Graph questions analysts ask of the intelligence store: what surrounds an object (neighbours
 * within N hops), what infrastructure two objects share (addresses, domains, URLs, certificates,
 * files — also when one side only names them in indicator patterns), and everything linked to
 * an ATT&CK technique.
 */
import { notFound } from '../core/errors.js';
import { computeScoId } from '../core/stix/sco-id.js';
import { extractSimpleIndicators } from '../intel/patterns/index.js';
import {
  sharedInfrastructure,
  type SharedInfrastructure,
} from '../intel/scoring/shared-infrastructure.js';
import type { GraphResult, IntelStore, NeighbourQuery } from '../store/intel-ports.js';
import { attackIdOf } from './attack-resolver.js';

/** Node types that are infrastructure (what two campaigns can share). */
const INFRASTRUCTURE = new Set([
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'email-addr',
  'infrastructure',
  'x509-certificate',
  'autonomous-system',
  'mac-addr',
  'file',
]);

const SCO_OF: Readonly<Record<string, { type: string; prop: 'value' | 'hash' }>> = {
  ipv4: { type: 'ipv4-addr', prop: 'value' },
  cidr4: { type: 'ipv4-addr', prop: 'value' },
  ipv6: { type: 'ipv6-addr', prop: 'value' },
  cidr6: { type: 'ipv6-addr', prop: 'value' },
  domain: { type: 'domain-name', prop: 'value' },
  url: { type: 'url', prop: 'value' },
  email: { type: 'email-addr', prop: 'value' },
  md5: { type: 'file', prop: 'hash' },
  sha1: { type: 'file', prop: 'hash' },
  sha256: { type: 'file', prop: 'hash' },
};

const HASH_NAME: Readonly<Record<string, string>> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
};

/** The SCO ids an indicator pattern names (the ids §2.9 gives those values). */
export function patternInfrastructure(pattern: string): string[] {
  let simple;
  try {
    simple = extractSimpleIndicators(pattern);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const s of simple ?? []) {
    const target = SCO_OF[s.type];
    if (target === undefined) continue;
    const body =
      target.prop === 'hash'
        ? { type: 'file', hashes: { [HASH_NAME[s.type]!]: s.value } }
        : { type: target.type, value: s.value };
    const id = computeScoId(body);
    if (id !== null) out.push(id);
  }
  return out;
}

/**
 * Neighbours of an object within `depth` hops.
 *
 * @throws ThreatMeshError NOT_FOUND for an unknown id.
 * @example await neighbours(store, 'intrusion-set--…', { depth: 2 })
 */
export async function neighbours(
  store: IntelStore,
  id: string,
  query: NeighbourQuery = {},
): Promise<GraphResult> {
  return store.graph.neighbours(id, query);
}

/** The infrastructure around an object: infrastructure nodes, and values its indicators name. */
async function infrastructureOf(store: IntelStore, id: string, depth: number): Promise<string[]> {
  const g = await store.graph.neighbours(id, { depth, limit: 5000 });
  const out = new Set<string>();
  for (const n of g.nodes) {
    if (n.id === id) continue;
    if (INFRASTRUCTURE.has(n.type)) out.add(n.id);
    else if (n.type === 'indicator') {
      const o = await store.objects.get(n.id);
      if (typeof o?.object.pattern === 'string' && o.object.pattern_type === 'stix') {
        for (const sco of patternInfrastructure(o.object.pattern)) out.add(sco);
      }
    }
  }
  if (INFRASTRUCTURE.has(id.slice(0, id.indexOf('--')))) out.add(id);
  return [...out];
}

export interface SharedResult extends SharedInfrastructure {
  readonly a: string;
  readonly b: string;
  readonly depth: number;
}

/**
 * What two objects share within `depth` hops, rare infrastructure weighing more (weights and
 * measures of `intel/scoring/shared-infrastructure`).
 *
 * @throws ThreatMeshError NOT_FOUND for an unknown id.
 * @example (await sharedBetween(store, campaignA, campaignB, 2)).shared
 */
export async function sharedBetween(
  store: IntelStore,
  a: string,
  b: string,
  depth = 2,
): Promise<SharedResult> {
  const [setA, setB] = [
    await infrastructureOf(store, a, depth),
    await infrastructureOf(store, b, depth),
  ];
  const inB = new Set(setB);
  const degrees = new Map<string, number>();
  // Degrees of the shared nodes only (the weights of the others do not change the ranking of
  // what is shared, and a neighbour query per node is the expensive part).
  for (const id of setA.filter((x) => inB.has(x)).slice(0, 200)) {
    const stored = await store.objects.get(id);
    const degree =
      stored === undefined
        ? 1
        : (await store.graph.neighbours(id, { depth: 1, limit: 10000 })).nodes.length - 1;
    degrees.set(id, Math.max(1, degree));
  }
  const overlap = sharedInfrastructure(setA, setB, { degree: (id) => degrees.get(id) ?? 1 });
  return { a, b, depth, ...overlap };
}

export interface TechniqueLinks {
  readonly technique: { readonly id: string; readonly attackId: string; readonly name: string };
  readonly graph: GraphResult;
}

/**
 * Everything within `depth` hops of an ATT&CK technique, given its ATT&CK id (`T1059`,
 * `T1059.001`) or STIX id: groups and software that use it, mitigations, sub-techniques,
 * indicators that indicate it, reports that name it.
 *
 * @throws ThreatMeshError NOT_FOUND when no stored attack-pattern has that id.
 * @example (await linkedToTechnique(store, 'T1059')).graph.nodes
 */
export async function linkedToTechnique(
  store: IntelStore,
  technique: string,
  depth = 1,
): Promise<TechniqueLinks> {
  let stored = technique.startsWith('attack-pattern--')
    ? await store.objects.get(technique)
    : undefined;
  if (stored === undefined) {
    const found = await store.objects.search(technique, { types: ['attack-pattern'], limit: 50 });
    stored =
      found.find((o) => attackIdOf(o.object) === technique.toUpperCase() && !o.revoked) ??
      found.find((o) => attackIdOf(o.object) === technique.toUpperCase());
  }
  if (stored === undefined) {
    throw notFound(`no ATT&CK technique ${technique} in the store`, {
      hint: 'import ATT&CK first (npm start does, or: threatmesh intel import enterprise-attack.json.gz), and give an id such as T1059 or T1059.001',
    });
  }
  const graph = await store.graph.neighbours(stored.id, { depth, limit: 10000 });
  return {
    technique: {
      id: stored.id,
      attackId: attackIdOf(stored.object) ?? '',
      name: String(stored.object.name ?? ''),
    },
    graph,
  };
}
