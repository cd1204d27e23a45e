/**
 * The entry point of intelligence ingestion: which format a file or directory is in (sniffed
 * from its first bytes when not given), and the stream of STIX items it holds.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { badInput, usageError } from '../../core/errors.js';
import type { TlpLevel } from '../../core/stix/tlp.js';
import { readAbuseChJson } from './abusech-json.js';
import { openIntelFile, type ByteInput } from './byte-input.js';
import type { ColumnMapping } from './feed-columns.js';
import type { BytesProgress, IntelItem } from './intel-items.js';
import { readIocList } from './ioc-list.js';
import type { AttackResolver } from './misp-context.js';
import { isMispFeedDirectory, readMispFeed } from './misp-feed.js';
import { readMispJson } from './misp-input.js';
import { readStixBundle } from './stix-bundle.js';

/** `csv` covers every delimited or one-value-per-line list; `ioc-json` abuse.ch-style JSON. */
export const INTEL_FORMATS = ['stix', 'misp', 'csv', 'ioc-json'] as const;
export type IntelFormat = (typeof INTEL_FORMATS)[number];

/** One thing to import: a file in a format, or a MISP feed directory. */
export interface IntelInput {
  /** The file or directory (also the name in locations). */
  readonly path: string;
  readonly format: IntelFormat | 'misp-feed';
  /** Where the bytes come from when not from `path` (a generated or downloaded stream). */
  readonly open?: () => Promise<ByteInput>;
}

export interface IntelReadOptions {
  /** Source name for minted indicators (default: the file name without extensions). */
  readonly source?: string;
  readonly defaultTlp?: TlpLevel;
  readonly map?: readonly ColumnMapping[];
  readonly confidence?: number;
  /** Date (ms) of feed entries that carry none (default: the file's modification time). */
  readonly dateMs?: number;
  readonly maxLineBytes?: number;
  readonly resolveAttack?: AttackResolver;
  readonly onProgress?: BytesProgress;
}

const SNIFF_BYTES = 64 << 10;

async function head(input: ByteInput): Promise<string> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const chunk of input.chunks) {
    parts.push(chunk);
    n += chunk.length;
    if (n >= SNIFF_BYTES) break;
  }
  return Buffer.concat(parts)
    .subarray(0, SNIFF_BYTES)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
}

/**
 * The format of a file from its first 64 KiB: a JSON object naming a bundle → stix; one with
 * "Event" or "response" → misp; a JSON list of MISP events → misp, of entries → ioc-json;
 * anything else is read as a CSV/TXT list.
 *
 * @throws ThreatMeshError BAD_INPUT for JSON that is none of these (with a hint to pass --format).
 * @example await sniffFormat('enterprise-attack.json.gz') // 'stix'
 */
export async function sniffFormat(file: string): Promise<IntelFormat> {
  const text = await head(await openIntelFile(file));
  if (text.startsWith('{')) {
    if (/"type"\s*:\s*"bundle"/.test(text) || /"spec_version"\s*:/.test(text)) return 'stix';
    if (/"(Event|response)"\s*:/.test(text) || /"Attribute"\s*:\s*\[/.test(text)) return 'misp';
    if (/"data"\s*:\s*\[/.test(text)) return 'ioc-json';
    if (/"objects"\s*:/.test(text)) return 'stix';
  } else if (text.startsWith('[')) {
    if (/^\[\s*\{\s*"Event"\s*:/.test(text)) return 'misp';
    if (/^\[\s*(\]|\{)/.test(text)) return 'ioc-json';
  } else return 'csv';
  throw badInput(`cannot tell what kind of JSON ${file} holds`, {
    location: { file },
    hint: 'pass --format stix, misp or ioc-json',
  });
}

/**
 * What to import for each path: a directory with a manifest.json is a MISP feed; another
 * directory contributes its files (not hidden ones, not recursively); files get `format`, or
 * the sniffed one for `auto`.
 *
 * @throws ThreatMeshError NOT_FOUND for a missing path, USAGE for an empty directory.
 * @example await resolveIntelInputs(['data/intel'], 'auto')
 */
export async function resolveIntelInputs(
  paths: readonly string[],
  format: IntelFormat | 'auto',
): Promise<IntelInput[]> {
  const out: IntelInput[] = [];
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      // openIntelFile reports a missing file with its hint.
    }
    if (isDir && isMispFeedDirectory(p)) {
      out.push({ path: p, format: 'misp-feed' });
      continue;
    }
    const files = isDir
      ? readdirSync(p)
          .filter((f) => !f.startsWith('.'))
          .sort()
          .map((f) => join(p, f))
          .filter((f) => statSync(f).isFile())
      : [p];
    if (isDir && files.length === 0) {
      throw usageError(`${p} holds no files to import`, {
        hint: 'pass files, or a MISP feed directory with a manifest.json',
      });
    }
    for (const f of files)
      out.push({ path: f, format: format === 'auto' ? await sniffFormat(f) : format });
  }
  return out;
}

/** The default source name of a file: its name without `.gz` and the format extension. */
export function defaultSourceName(path: string): string {
  return (
    basename(path)
      .replace(/\.gz$/i, '')
      .replace(/\.(json|csv|txt|tsv|stix)$/i, '') || path
  );
}

/**
 * The STIX items of one input.
 *
 * @example for await (const item of readIntel({ path: 'blocklist.txt', format: 'csv' }, { source: 'blocklist.de' })) …
 */
export async function* readIntel(
  input: IntelInput,
  options: IntelReadOptions,
): AsyncGenerator<IntelItem> {
  const misp = {
    ...(options.defaultTlp !== undefined ? { defaultTlp: options.defaultTlp } : {}),
    ...(options.resolveAttack !== undefined ? { resolveAttack: options.resolveAttack } : {}),
  };
  if (input.format === 'misp-feed') {
    yield* readMispFeed(input.path, misp);
    return;
  }
  const bytes = await (input.open ?? (() => openIntelFile(input.path)))();
  const feed = {
    source: options.source ?? defaultSourceName(input.path),
    ...(options.defaultTlp !== undefined ? { defaultTlp: options.defaultTlp } : {}),
    ...(options.confidence !== undefined ? { confidence: options.confidence } : {}),
    ...(options.dateMs !== undefined ? { dateMs: options.dateMs } : {}),
  };
  switch (input.format) {
    case 'stix':
      yield* readStixBundle(bytes, options.onProgress);
      return;
    case 'misp':
      yield* readMispJson(bytes, misp, options.onProgress);
      return;
    case 'ioc-json':
      yield* readAbuseChJson(bytes, feed, options.onProgress);
      return;
    case 'csv':
      yield* readIocList(
        bytes,
        {
          ...feed,
          ...(options.map !== undefined ? { map: options.map } : {}),
          ...(options.maxLineBytes !== undefined ? { maxLineBytes: options.maxLineBytes } : {}),
        },
        options.onProgress,
      );
  }
}
