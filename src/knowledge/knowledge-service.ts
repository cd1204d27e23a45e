/**
 * The intelligence service over the store ports: import, search, show, graph questions,
 * scoring runs, export and the IOC index kept in step with the store. One per process; the
 * composition root (app/) builds it with a store and a STIX validator.
 */
import { notFound } from '../core/errors.js';
import type { Observation } from '../core/observation.js';
import { extractSimpleIndicators, type SimpleIndicator } from '../intel/patterns/index.js';
import type { StixValidator } from '../intel/stix/index.js';
import type {
  GraphResult,
  IntelStats,
  IntelStore,
  Organisation,
  StoredIntelObject,
} from '../store/intel-ports.js';
import {
  linkedToTechnique,
  sharedBetween,
  type SharedResult,
  type TechniqueLinks,
} from './graph-queries.js';
import { importIntel, type ImportRequest, type WorkProgress } from './import-service.js';
import type { ImportSummary } from './import-summary.js';
import {
  exportBundle,
  type BundleWriter,
  type ExportRequest,
  type ExportSummary,
} from './intel-export.js';
import { IocSync, type IocSyncStats } from './ioc-sync.js';
import { objectChecker, TRUST_ALL } from './object-checks.js';
import { runScoring, scoreNoteId, type ScoringSummary } from './scoring-run.js';

export interface KnowledgeOptions {
  /** The STIX validator, built on first use (compiling the schemas takes a second or two). */
  readonly validator: () => StixValidator;
}

/** Everything the store knows about one object. */
export interface ObjectDetails {
  readonly latest: StoredIntelObject;
  readonly versions: readonly {
    readonly modified: string | null;
    readonly dateAdded: string;
    readonly revoked: boolean;
  }[];
  readonly owner: Organisation | undefined;
  /** For a STIX-pattern indicator that is a list of values: the values the IOC index holds. */
  readonly values: readonly SimpleIndicator[] | null;
  /** The latest score note's numbers, when a scoring run has scored it. */
  readonly score: Readonly<Record<string, unknown>> | null;
  /** Its direct relationships and references (at most 200). */
  readonly graph: GraphResult;
}

export class KnowledgeService {
  private sync: IocSync | undefined;
  private loading: Promise<IocSync> | undefined;

  constructor(
    readonly store: IntelStore,
    private readonly options: KnowledgeOptions,
  ) {}

  /**
   * The IOC index of the store's indicators, loaded on first use and kept current by imports.
   *
   * @example (await knowledge.iocSync()).match(observation)
   */
  async iocSync(): Promise<IocSync> {
    if (this.sync !== undefined) return this.sync;
    this.loading ??= (async () => {
      const empty = (await this.store.objects.stats()).byType.indicator === undefined;
      return empty ? new IocSync() : IocSync.fromStore(this.store.objects);
    })();
    this.sync = await this.loading;
    return this.sync;
  }

  /**
   * Parse → validate → merge → upsert (see import-service).
   *
   * @example await knowledge.importIntel({ inputs: await resolveIntelInputs(['feed.csv'], 'auto') })
   */
  async importIntel(
    request: ImportRequest,
    progress?: WorkProgress,
    trusted = false,
  ): Promise<ImportSummary> {
    return importIntel(
      {
        store: this.store,
        checker: trusted ? TRUST_ALL : objectChecker(this.options.validator()),
        sync: async (needed) => (needed ? this.iocSync() : this.sync),
      },
      request,
      progress,
    );
  }

  /** Full-text search (name, description, labels, aliases, external ids), best first. */
  async search(
    text: string,
    query: { types?: readonly string[]; limit?: number } = {},
  ): Promise<StoredIntelObject[]> {
    return this.store.objects.search(text, query);
  }

  /**
   * An object with its versions, owner, provenance, marking, IOC values, score and edges.
   *
   * @throws ThreatMeshError NOT_FOUND for an unknown id.
   */
  async show(id: string): Promise<ObjectDetails> {
    const latest = await this.store.objects.get(id);
    if (latest === undefined) {
      throw notFound(`no object ${id} in the store`, {
        hint: 'find ids with `threatmesh intel search TEXT`',
      });
    }
    const versions = (await this.store.objects.versions(id)).map((v) => ({
      modified: v.modified,
      dateAdded: v.dateAdded,
      revoked: v.revoked,
    }));
    const o = latest.object;
    let values: SimpleIndicator[] | null = null;
    if (o.type === 'indicator' && o.pattern_type === 'stix' && typeof o.pattern === 'string') {
      try {
        values = extractSimpleIndicators(o.pattern);
      } catch {
        values = null;
      }
    }
    const note = await this.store.objects.get(scoreNoteId(id));
    const score = (note?.object.x_threatmesh_score as Record<string, unknown> | undefined) ?? null;
    return {
      latest,
      versions,
      owner: await this.store.organisations.find(latest.owner),
      values,
      score,
      graph: await this.store.graph.neighbours(id, { depth: 1, limit: 200 }),
    };
  }

  /** Neighbours within `depth` hops (1–5). */
  async graph(
    id: string,
    depth = 2,
    direction: 'out' | 'in' | 'both' = 'both',
    limit = 1000,
  ): Promise<GraphResult> {
    return this.store.graph.neighbours(id, { depth, direction, limit });
  }

  async shared(a: string, b: string, depth = 2): Promise<SharedResult> {
    return sharedBetween(this.store, a, b, depth);
  }

  async technique(idOrAttackId: string, depth = 1): Promise<TechniqueLinks> {
    return linkedToTechnique(this.store, idOrAttackId, depth);
  }

  async score(now = Date.now(), progress?: WorkProgress): Promise<ScoringSummary> {
    return runScoring(this.store, now, progress);
  }

  async exportBundle(request: ExportRequest, write: BundleWriter): Promise<ExportSummary> {
    return exportBundle(this.store.objects, request, write);
  }

  /** The indicators an observation matches (IOC index and patterns). */
  async match(obs: Observation): Promise<{ value: string; ids: string[] }[]> {
    return (await this.iocSync()).match(obs);
  }

  async stats(withIndex: boolean): Promise<{ store: IntelStats; index: IocSyncStats | null }> {
    return {
      store: await this.store.objects.stats(),
      index: withIndex ? (await this.iocSync()).stats() : null,
    };
  }
}
