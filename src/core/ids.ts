import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A new identifier `prefix_` + 16 characters: 8 of time (ms, base32, so ids sort by creation)
 * and 8 random. Short enough to type, unique enough for one instance's registry.
 *
 * @example newId('mdl') // "mdl_01jd3k4m7q2x9z0a"
 */
export function newId(prefix: string, now = Date.now()): string {
  let t = now;
  let time = '';
  for (let i = 0; i < 8; i++) {
    time = ALPHABET[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  const rnd = randomBytes(8);
  let tail = '';
  for (let i = 0; i < 8; i++) tail += ALPHABET[rnd[i]! % 32]!;
  return `${prefix}_${time}${tail}`;
}
