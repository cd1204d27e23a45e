/**
 * Import: parse (ingest/intel) → validate → deduplicate/merge → upsert with provenance, owner and
 * marking. Every input is read twice, streamed both times: a first pass checks everything
 * (syntax, STIX validity, patterns) and stores nothing, so bad input never leaves part of a file
 * in the store; the second pass writes batches, one transaction each. Importing the same input
 * again changes nothing (the store compares canonical content; minted ids derive from content).
 */
import { basename } from 'node:path';
import { badInput } from '../core/errors.js';
import { stixKind } from '../core/stix/kinds.js';
import type { StixObject } from '../core/stix/object.js';
import {
  TLP1_MARKING_IDS,
  TLP2_MARKING_IDS,
  effectiveTlp,
  tlp1MarkingDefinitions,
  tlp2MarkingDefinitions,
  type TlpLevel,
} from '../core/stix/tlp.js';
import type { ColumnMapping } from '../ingest/intel/feed-columns.js';
import type { IntelItem } from '../ingest/intel/intel-items.js';
import {
  defaultSourceName,
  readIntel,
  type IntelInput,
  type IntelReadOptions,
} from '../ingest/intel/intel-inputs.js';
import type { IntelStore } from '../store/intel-ports.js';
import { attackResolver } from './attack-resolver.js';
import { SummaryBuilder, type ImportSummary } from './import-summary.js';
import type { IocSync } from './ioc-sync.js';
import { mergeMinted } from './minted-merge.js';
import { mergeSco } from './sco-merge.js';
import type { ObjectChecker } from './object-checks.js';

/** How long work reports progress (the CLI draws bars; the server publishes events). */
export interface WorkProgress {
  phase(label: string, total: number): void;
  update(done: number, total?: number): void;
  done(): void;
}

export interface ImportRequest {
  readonly inputs: readonly IntelInput[];
  /** Provenance source name (default: each file's name; a feed directory's name). */
  readonly source?: string;
  /** Owner of new objects: an organisation id or name (created when unknown); default local. */
  readonly org?: string;
  /** Marking of every imported object that carries no TLP marking of its own. */
  readonly tlp?: TlpLevel;
  readonly map?: readonly ColumnMapping[];
  readonly confidence?: number;
  /** Date (ms) of feed entries that carry none (default: each file's modification time). */
  readonly feedDate?: number;
  /** `skip` (default): store the rest and report rejections; `fail`: store nothing if any. */
  readonly onBadRow?: 'skip' | 'fail';
  /** Objects per transaction (default 1000). */
  readonly batchSize?: number;
  readonly maxLineBytes?: number;
}

export interface ImportDeps {
  readonly store: IntelStore;
  readonly checker: ObjectChecker;
  /**
   * The IOC sync to merge minted indicators against and keep current: loaded when `needed`
   * (feeds mint indicators), else the one already loaded, if any.
   */
  readonly sync: (needed: boolean) => Promise<IocSync | undefined>;
}

interface Plan {
  readonly input: IntelInput;
  readonly source: string;
  readonly rejected: ReadonlySet<number>;
}

const TLP_DEFINITIONS = new Map<string, StixObject>([
  ...Object.entries(tlp2MarkingDefinitions()).map(
    ([level, o]) => [TLP2_MARKING_IDS[level as TlpLevel], o as unknown as StixObject] as const,
  ),
  ...Object.entries(tlp1MarkingDefinitions()).map(
    ([level, o]) =>
      [
        TLP1_MARKING_IDS[level as keyof typeof TLP1_MARKING_IDS],
        o as unknown as StixObject,
      ] as const,
  ),
]);

function withTlp(o: StixObject, tlp: TlpLevel | undefined): StixObject {
  if (tlp === undefined || o.type === 'marking-definition' || effectiveTlp(o) !== null) return o;
  return { ...o, object_marking_refs: [...(o.object_marking_refs ?? []), TLP2_MARKING_IDS[tlp]] };
}

function sourceOf(input: IntelInput, request: ImportRequest): string {
  if (request.source !== undefined) return request.source;
  return input.format === 'misp-feed' ? basename(input.path) : defaultSourceName(input.path);
}

/**
 * Imports `request.inputs` into the store.
 *
 * @throws ThreatMeshError BAD_INPUT for input that cannot be read at all (invalid JSON with its
 *   position, a truncated gzip file, an over-long line…) — before anything is stored — and, with
 *   `onBadRow: 'fail'`, for any rejected part.
 * @example const summary = await importIntel(deps, { inputs: [{ path: 'feed.txt', format: 'csv' }] });
 */
export async function importIntel(
  deps: ImportDeps,
  request: ImportRequest,
  progress?: WorkProgress,
): Promise<ImportSummary> {
  const summary = new SummaryBuilder();
  const usesMisp = request.inputs.some((i) => i.format === 'misp' || i.format === 'misp-feed');
  const resolveAttack = usesMisp ? await attackResolver(deps.store.objects) : undefined;
  const options = (source: string): IntelReadOptions => ({
    source,
    ...(request.tlp !== undefined ? { defaultTlp: request.tlp } : {}),
    ...(request.map !== undefined ? { map: request.map } : {}),
    ...(request.confidence !== undefined ? { confidence: request.confidence } : {}),
    ...(request.feedDate !== undefined ? { dateMs: request.feedDate } : {}),
    ...(request.maxLineBytes !== undefined ? { maxLineBytes: request.maxLineBytes } : {}),
    ...(resolveAttack !== undefined ? { resolveAttack } : {}),
    onProgress: (read, total) => progress?.update(read, total ?? read),
  });
  const markings = new Set<string>();
  const provided = new Set<string>();
  const plans: Plan[] = [];
  for (const input of request.inputs) {
    const source = sourceOf(input, request);
    progress?.phase(`checking ${basename(input.path)}`, 1);
    plans.push(
      await check(deps, input, source, options(source), request.tlp, summary, {
        markings,
        provided,
      }),
    );
    progress?.done();
  }
  if (request.onBadRow === 'fail' && summary.rejected > 0) {
    const first = summary.rejections[0]!;
    throw badInput(
      `${summary.rejected} part(s) of the input cannot be imported (first: ${first.reason}); nothing was imported`,
      {
        location: { file: first.location },
        hint: 'fix them, or import the rest with --on-bad-row skip',
      },
    );
  }
  const owner = await ownerId(deps.store, request.org);
  const sync = await deps.sync(
    plans.some((p) => p.input.format === 'csv' || p.input.format === 'ioc-json'),
  );
  for (const id of provided) markings.delete(id);
  await ensureMarkings(deps.store, markings, owner);
  for (const plan of plans) {
    progress?.phase(`importing ${basename(plan.input.path)}`, 1);
    await write(deps, plan, options(plan.source), request, owner, sync, summary);
    progress?.done();
  }
  const flagged = sync?.stats().flagged ?? 0;
  if (flagged > 0) {
    summary.notes.push(
      `${flagged} indicators hold values the sanity rules flag (private, reserved or well-known benign): stored, but not matched`,
    );
  }
  return summary.build();
}

async function check(
  deps: ImportDeps,
  input: IntelInput,
  source: string,
  options: IntelReadOptions,
  tlp: TlpLevel | undefined,
  summary: SummaryBuilder,
  seen: { readonly markings: Set<string>; readonly provided: Set<string> },
): Promise<Plan> {
  const rejected = new Set<number>();
  let ordinal = 0;
  const before = summary.rejected;
  for await (const item of readIntel(input, options)) {
    if (item.kind === 'note') summary.notes.push(item.text);
    else if (item.kind === 'rejected') summary.reject(item.location, item.reason);
    else {
      const o = withTlp(item.object, tlp);
      const reason = deps.checker.check(o, item.location.path);
      if (reason !== null) {
        rejected.add(ordinal);
        summary.reject(item.location, reason);
      } else {
        for (const ref of o.object_marking_refs ?? []) {
          if (TLP_DEFINITIONS.has(ref)) seen.markings.add(ref);
        }
        // A definition the input delivers itself is imported (and counted) with it.
        if (o.type === 'marking-definition') seen.provided.add(o.id);
      }
      ordinal++;
    }
  }
  summary.files.push({
    file: input.path,
    format: input.format,
    source,
    objects: ordinal,
    rejected: summary.rejected - before,
  });
  return { input, source, rejected };
}

async function write(
  deps: ImportDeps,
  plan: Plan,
  options: IntelReadOptions,
  request: ImportRequest,
  owner: string,
  sync: IocSync | undefined,
  summary: SummaryBuilder,
): Promise<void> {
  const size = request.batchSize ?? 1000;
  let batch: IntelItem[] = [];
  // SCOs already written by this import, merged (see sco-merge): later ones add to them.
  const scos = new Map<string, StixObject>();
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const objects: StixObject[] = [];
    for (const item of batch) {
      if (item.kind !== 'object') continue;
      const o = withTlp(item.object, request.tlp);
      if (stixKind(o.type) === 'sco') {
        const prior = scos.get(o.id) ?? (await deps.store.objects.get(o.id))?.object;
        const merged = prior !== undefined ? mergeSco(prior, o) : o;
        scos.set(o.id, merged);
        objects.push(merged);
        continue;
      }
      const stored =
        item.minted === true && sync?.has(o.id) === true
          ? await deps.store.objects.get(o.id)
          : undefined;
      objects.push(stored !== undefined ? mergeMinted(stored.object, o) : o);
    }
    const r = await deps.store.objects.upsert({
      objects,
      provenance: { source: plan.source, file: plan.input.path },
      owner,
    });
    summary.created += r.created;
    summary.updated += r.updated;
    summary.unchanged += r.unchanged;
    summary.batches++;
    sync?.apply(objects);
    batch = [];
  };
  let ordinal = 0;
  for await (const item of readIntel(plan.input, options)) {
    if (item.kind !== 'object') continue;
    if (!plan.rejected.has(ordinal++)) batch.push(item);
    if (batch.length >= size) await flush();
  }
  await flush();
}

async function ownerId(store: IntelStore, org: string | undefined): Promise<string> {
  if (org === undefined) return (await store.organisations.local()).id;
  const found = await store.organisations.find(org);
  return (found ?? (await store.organisations.create({ name: org }))).id;
}

/** The TLP marking definitions the imported objects refer to, stored once (not counted). */
async function ensureMarkings(
  store: IntelStore,
  ids: ReadonlySet<string>,
  owner: string,
): Promise<void> {
  const missing: StixObject[] = [];
  for (const id of ids)
    if ((await store.objects.get(id)) === undefined) missing.push(TLP_DEFINITIONS.get(id)!);
  if (missing.length > 0)
    await store.objects.upsert({ objects: missing, provenance: { source: 'threatmesh' }, owner });
}
