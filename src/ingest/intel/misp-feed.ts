/**
 * A MISP feed directory, as MISP and PyMISP's feed generator write it: `manifest.json` (event
 * uuid → its summary), one `<uuid>.json` per event, and `hashes.csv` (the MD5 of every
 * attribute value, with its event's uuid, one per line). Events are read one file at a time;
 * the hashes are checked against the values of each event.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { badInput } from '../../core/errors.js';
import { openIntelFile } from './byte-input.js';
import type { IntelItem } from './intel-items.js';
import { asList, asObject } from './misp-context.js';
import type { MispEventOptions } from './misp-event.js';
import { readMispJson } from './misp-input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `dir` looks like a MISP feed (it has a manifest.json). */
export function isMispFeedDirectory(dir: string): boolean {
  return existsSync(join(dir, 'manifest.json'));
}

function readManifest(file: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw badInput(`${file} is not valid JSON (${(e as Error).message})`, {
      location: { file },
      hint: 'a MISP feed manifest maps each event uuid to its summary: {"<uuid>": {"info": …}, …}',
      cause: e,
    });
  }
  const manifest = asObject(doc);
  if (manifest === undefined) {
    throw badInput('a MISP feed manifest must be a JSON object', { location: { file, path: '$' } });
  }
  return Object.keys(manifest);
}

/** uuid → MD5s listed for it in hashes.csv, and the malformed lines. */
function readHashes(file: string): { byEvent: Map<string, Set<string>>; bad: IntelItem[] } {
  const byEvent = new Map<string, Set<string>>();
  const bad: IntelItem[] = [];
  if (!existsSync(file)) return { byEvent, bad };
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      const line = text.trim();
      if (line === '') return;
      const [hash, uuid] = line.split(',').map((s) => s.trim());
      if (
        hash === undefined ||
        uuid === undefined ||
        !/^[0-9a-f]{32}$/i.test(hash) ||
        !UUID.test(uuid)
      ) {
        bad.push({
          kind: 'rejected',
          location: { file, line: i + 1 },
          reason: 'expected "<md5 of a value>,<event uuid>"',
        });
        return;
      }
      const set = byEvent.get(uuid.toLowerCase()) ?? new Set<string>();
      set.add(hash.toLowerCase());
      byEvent.set(uuid.toLowerCase(), set);
    });
  return { byEvent, bad };
}

/** The attribute values of an event as hashes.csv lists them (composite values split at `|`). */
function eventValueHashes(eventDoc: unknown): string[] {
  const event = asObject(asObject(eventDoc)?.Event) ?? asObject(eventDoc);
  const out: string[] = [];
  const add = (a: unknown): void => {
    const v = asObject(a)?.value;
    if (typeof v !== 'string') return;
    for (const part of v.includes('|') ? v.split('|') : [v])
      out.push(createHash('md5').update(part).digest('hex'));
  };
  for (const a of asList(event?.Attribute)) add(a);
  for (const o of asList(event?.Object)) for (const a of asList(asObject(o)?.Attribute)) add(a);
  return out;
}

/**
 * The STIX items of every event of a MISP feed directory, in manifest order. An event the
 * manifest lists without its file, and a malformed hashes.csv line, are rejections.
 *
 * @throws ThreatMeshError BAD_INPUT for a manifest that is not a JSON object.
 * @example for await (const item of readMispFeed('feeds/circl', {})) …
 */
export async function* readMispFeed(
  dir: string,
  options: MispEventOptions,
  onProgress?: (done: number, total: number) => void,
): AsyncGenerator<IntelItem> {
  const manifestFile = join(dir, 'manifest.json');
  const uuids = readManifest(manifestFile);
  const hashes = readHashes(join(dir, 'hashes.csv'));
  yield* hashes.bad;
  let checked = 0;
  let unlisted = 0;
  for (const [i, uuid] of uuids.entries()) {
    onProgress?.(i, uuids.length);
    const file = join(dir, `${uuid}.json`);
    if (!UUID.test(uuid) || !existsSync(file)) {
      yield {
        kind: 'rejected',
        location: { file: manifestFile, path: `$[${JSON.stringify(uuid)}]` },
        reason: UUID.test(uuid) ? `the event file ${uuid}.json is missing` : 'not an event uuid',
      };
      continue;
    }
    const listed = hashes.byEvent.get(uuid.toLowerCase());
    if (listed !== undefined) {
      for (const h of eventValueHashes(JSON.parse(readFileSync(file, 'utf8')))) {
        checked++;
        if (!listed.has(h)) unlisted++;
      }
    }
    yield* readMispJson(await openIntelFile(file), options);
  }
  onProgress?.(uuids.length, uuids.length);
  if (checked > 0) {
    yield {
      kind: 'note',
      text: `${join(dir, 'hashes.csv')}: ${checked - unlisted} of ${checked} attribute values listed${unlisted > 0 ? ` (${unlisted} not: the feed was changed after it was generated?)` : ''}`,
    };
  }
}
