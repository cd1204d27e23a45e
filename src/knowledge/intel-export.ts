/**
 * Export as one STIX 2.1 bundle, written as it is read (page by page from the store), so an
 * export of any size holds one page in memory. Objects are written exactly as stored, so that
 * importing the export again changes nothing; the marking definitions they refer to are added
 * when a type filter left them out, so the bundle carries what its markings mean.
 */
import { randomUUID } from 'node:crypto';
import { usageError } from '../core/errors.js';
import type { StixObject } from '../core/stix/object.js';
import { isStixTimestamp } from '../core/stix/timestamp.js';
import type { IntelListQuery, IntelObjects } from '../store/intel-ports.js';

export interface ExportRequest {
  /** Only these STIX types. */
  readonly types?: readonly string[];
  /** Only objects added to the store (or changed) after this RFC 3339 time. */
  readonly since?: string;
  /** Leave out revoked objects. */
  readonly withoutRevoked?: boolean;
}

export interface ExportSummary {
  readonly bundleId: string;
  readonly objects: number;
  readonly byType: Readonly<Record<string, number>>;
}

/** Writes a piece of the bundle; resolves when it may write more (back-pressure). */
export type BundleWriter = (text: string) => Promise<void> | void;

/**
 * Writes the bundle to `write`.
 *
 * @throws ThreatMeshError USAGE for a `since` that is not an RFC 3339 timestamp.
 * @example await exportBundle(store.intel.objects, { types: ['indicator'] }, (t) => process.stdout.write(t))
 */
export async function exportBundle(
  objects: IntelObjects,
  request: ExportRequest,
  write: BundleWriter,
): Promise<ExportSummary> {
  if (request.since !== undefined && !isStixTimestamp(request.since)) {
    throw usageError(`--since ${request.since}: not an RFC 3339 timestamp`, {
      hint: 'write it like 2024-05-01T00:00:00Z (UTC)',
    });
  }
  const bundleId = `bundle--${randomUUID()}`;
  const byType: Record<string, number> = {};
  const written = new Set<string>();
  const markingRefs = new Set<string>();
  let count = 0;
  await write(`{"type":"bundle","id":"${bundleId}","objects":[`);
  const emit = async (o: StixObject): Promise<void> => {
    await write(`${count === 0 ? '\n' : ',\n'}${JSON.stringify(o)}`);
    count++;
    byType[o.type] = (byType[o.type] ?? 0) + 1;
  };
  const query: IntelListQuery = {
    limit: 1000,
    ...(request.types !== undefined ? { types: request.types } : {}),
    ...(request.since !== undefined ? { addedAfter: request.since } : {}),
    ...(request.withoutRevoked ? { revoked: false } : {}),
  };
  let cursor: string | undefined;
  do {
    const page = await objects.list({ ...query, ...(cursor !== undefined ? { cursor } : {}) });
    for (const item of page.items) {
      await emit(item.object);
      written.add(item.id);
      for (const ref of item.object.object_marking_refs ?? []) markingRefs.add(ref);
    }
    cursor = page.next;
  } while (cursor !== undefined);
  for (const ref of markingRefs) {
    if (written.has(ref)) continue;
    const m = await objects.get(ref);
    if (m !== undefined) await emit(m.object);
  }
  await write('\n]}\n');
  return { bundleId, objects: count, byType };
}
