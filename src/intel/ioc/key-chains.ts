/**
 * The chain of entries under one key (every indicator holding that value): appending an entry,
 * taking one off. The key disappears from its structure when its chain empties.
 */
import type { EntryPool } from './entry-pool.js';
import type { IndexKeys, KeySlot } from './index-keys.js';
import type { ParsedValue } from './ioc-value.js';

/**
 * Puts entry `e` at the end of the chain of `slot` (indicators sharing a value are reported in
 * the order they were added), indexing the value when it has no chain yet.
 *
 * @example appendToKey(pool, keys, keys.locate(parsed), parsed, e);
 */
export function appendToKey(
  pool: EntryPool,
  keys: IndexKeys,
  slot: KeySlot,
  p: ParsedValue,
  e: number,
): void {
  if (slot.head < 0) {
    pool.setKey(e, keys.insert(p, e));
    return;
  }
  let last = slot.head;
  while (pool.next(last) >= 0) last = pool.next(last);
  pool.setNext(last, e);
}

/**
 * Takes entry `e` off its key's chain, removing the key when the chain empties.
 *
 * @example unlinkFromKey(pool, keys, e);
 */
export function unlinkFromKey(pool: EntryPool, keys: IndexKeys, e: number): void {
  const kind = pool.kind(e);
  const key = pool.key(e);
  const head = keys.head(kind, key);
  if (head === e) {
    const next = pool.next(e);
    if (next >= 0) keys.setHead(kind, key, next);
    else keys.remove(kind, key);
    return;
  }
  let prev = head;
  while (pool.next(prev) !== e) prev = pool.next(prev);
  pool.setNext(prev, pool.next(e));
}
