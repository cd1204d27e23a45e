/**
 * Dates as indicator feeds write them: RFC 3339 / ISO 8601, `2021-05-16 19:49:33` (UTC, as
 * abuse.ch writes), and the US `1/14/2022` (with an optional `8:55` time) of Microsoft's lists
 * and CIC-IDS2017 (day first when the first number cannot be a month).
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SPACE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | null {
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(t);
  // Date.UTC rolls 2021-02-30 over to March: refuse dates that do not exist.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return null;
  if (h > 23 || mi > 59 || s > 60) return null;
  return t;
}

/**
 * Milliseconds since the epoch of a feed date, or null when it is not one. Dates without a
 * zone are UTC.
 *
 * @example parseFeedDate('1/14/2022') // Date.UTC(2022, 0, 14)
 */
export function parseFeedDate(text: string): number | null {
  const t = text.trim();
  let m = ISO_DATE.exec(t);
  if (m) return utc(+m[1]!, +m[2]!, +m[3]!);
  m = SPACE_TIME.exec(t);
  if (m) {
    const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
    return utc(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, m[6] === undefined ? 0 : +m[6], ms);
  }
  m = SLASHED.exec(t);
  if (m) {
    const a = +m[1]!;
    const b = +m[2]!;
    const [h, mi, sec] = [+(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)];
    return a > 12 ? utc(+m[3]!, b, a, h, mi, sec) : utc(+m[3]!, a, b, h, mi, sec);
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(t)) {
    const v = Date.parse(t);
    return Number.isFinite(v) ? v : null;
  }
  return null;
}
