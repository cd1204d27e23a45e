/**
 * Header names as loaders use them: trimmed, with duplicates renamed the way pandas does
 * (`Fwd Header Length`, `Fwd Header Length.1`), and lookups that say what is missing.
 */
import { badInput } from '../../core/errors.js';
import { counted } from '../delimited/counted.js';
import type { HeaderLine } from '../delimited/table-schema.js';

export interface CleanHeader {
  readonly names: readonly string[];
  readonly notes: readonly string[];
}

/**
 * Trim the names, name empty ones `column_K` (1-based) and rename repeats `name.1`, `name.2`…,
 * saying in `notes` what changed.
 *
 * @example
 * cleanHeader({ names: [' a', 'a', ''], line: 1 }).names; // ['a', 'a.1', 'column_3']
 */
export function cleanHeader(header: HeaderLine): CleanHeader {
  const notes: string[] = [];
  const trimmed = header.names.map((n) => n.trim());
  const padded = trimmed.filter((n, i) => n !== header.names[i]).length;
  if (padded > 0) notes.push(`trimmed spaces around ${counted(padded, 'column name')}`);
  const taken = new Set(trimmed);
  const seen = new Set<string>();
  const names = trimmed.map((name, i) => {
    if (name === '') {
      const given = uniqueName(`column_${i + 1}`, taken);
      notes.push(`named the unnamed column ${i + 1} '${given}'`);
      return given;
    }
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    const given = uniqueName(name, taken);
    notes.push(`renamed duplicate column '${name}' to '${given}'`);
    return given;
  });
  return { names, notes };
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let k = 1; taken.has(name); k++) name = `${base}.${k}`;
  taken.add(name);
  return name;
}

/**
 * Index of column `name` in `names`, or a BAD_INPUT error located on the header line.
 */
export function requireColumn(
  file: string,
  header: HeaderLine,
  names: readonly string[],
  name: string,
  what: string,
): number {
  const i = names.indexOf(name);
  if (i >= 0) return i;
  const shown = names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
  throw badInput(`no column '${name}' in the header (${what})`, {
    location: { file, line: header.line, column: 1 },
    hint: `the header has ${names.length} columns: ${shown}`,
  });
}
