/**
 * Full-text search words, made the same way for both adapters so that SQLite FTS5 and a
 * PostgreSQL tsvector find the same objects: Unicode letters and digits, lower case, without
 * diacritics; anything else separates words ("T1059.001" → t1059 001, "1.2.3.4" → 1 2 3 4).
 */
import { usageError } from '../../core/errors.js';

/** The indexed text of one object, per field (words separated by single spaces). */
export interface SearchDocument {
  readonly name: string;
  readonly description: string;
  readonly labels: string;
  readonly aliases: string;
  readonly externalIds: string;
}

/** One query word: its tokens must appear in order; `prefix` lets the last one be a prefix. */
export interface SearchTerm {
  readonly tokens: readonly string[];
  readonly prefix: boolean;
}

const SEPARATORS = /[^\p{L}\p{N}]+/u;
const MARKS = /\p{M}+/gu;
const NON_ASCII = /[^\p{ASCII}]/u;
const ASCII_SEPARATORS = /[^a-z0-9]+/g;

/**
 * The words of `text`, joined by single spaces. ASCII text (nearly all of ATT&CK's 33 MB)
 * skips Unicode normalisation: a third of the import's search-indexing time in a profile.
 *
 * @example searchWords('Cobalt-Strike «Beacon»') // 'cobalt strike beacon'
 */
export function searchWords(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase().replace(ASCII_SEPARATORS, ' ').trim();
  return searchTokens(text).join(' ');
}

/**
 * @example searchTokens('Cobalt-Strike «Beacon»') // ['cobalt', 'strike', 'beacon']
 */
export function searchTokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .split(SEPARATORS)
    .filter((t) => t.length > 0);
}

function words(values: readonly unknown[]): string {
  let out = '';
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const w = searchWords(v);
    if (w !== '') out = out === '' ? w : `${out} ${w}`;
  }
  return out;
}

function strings(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

/**
 * What an object contributes to the index. Besides name/description/labels/aliases, an SCO's
 * `value` counts as its name, an indicator's `pattern` as description, and external ids
 * (ATT&CK "T1059", CVE ids) as aliases: what an analyst types to find them.
 */
export function searchDocument(o: Readonly<Record<string, unknown>>): SearchDocument {
  const externalIds = strings(o.external_references).map((r) =>
    r !== null && typeof r === 'object' ? (r as Record<string, unknown>).external_id : undefined,
  );
  return {
    name: words([o.name, o.value]),
    description: words([o.description, o.pattern]),
    labels: words(strings(o.labels)),
    aliases: words([...strings(o.aliases), ...strings(o.x_mitre_aliases)]),
    externalIds: words(externalIds),
  };
}

/**
 * The words of a query; a word ending in `*` matches by prefix. USAGE error when nothing
 * searchable is left.
 *
 * @example parseSearch('cobalt str*') // [{tokens:['cobalt'],prefix:false},{tokens:['str'],prefix:true}]
 */
export function parseSearch(text: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const word of text.split(/\s+/)) {
    const tokens = searchTokens(word);
    if (tokens.length > 0) terms.push({ tokens, prefix: word.endsWith('*') });
  }
  if (terms.length === 0) {
    throw usageError(`search text ${JSON.stringify(text)} has no letters or digits`, {
      hint: 'search for words such as "phishing" or an id such as T1566',
    });
  }
  return terms;
}
