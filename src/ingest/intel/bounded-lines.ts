/**
 * Lines of a text feed with a hard maximum length: a line longer than the maximum is refused as
 * soon as that many bytes have arrived without a line break, so a generated or hostile stream
 * with no line breaks never grows memory beyond the maximum.
 */
import { TextDecoder } from 'node:util';
import { badInput } from '../../core/errors.js';
import type { ByteInput } from './byte-input.js';
import type { BytesProgress } from './intel-items.js';

export interface FeedLine {
  /** The line without its line break; null when it is not valid UTF-8. */
  readonly text: string | null;
  /** 1-based line number. */
  readonly line: number;
}

/** 64 KiB: far above any indicator (browsers cap URLs near 64 K), far below what hurts memory. */
export const DEFAULT_MAX_LINE_BYTES = 64 << 10;

const NL = 0x0a;

/**
 * The lines of `input`, byte-order mark and `\r` before `\n` removed.
 *
 * @throws ThreatMeshError BAD_INPUT for a line longer than `maxLineBytes`, as soon as it is
 *   seen (file:line in the location).
 * @example for await (const l of readBoundedLines(input)) console.log(l.line, l.text);
 */
export async function* readBoundedLines(
  input: ByteInput,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  onProgress?: BytesProgress,
): AsyncGenerator<FeedLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const decode = (bytes: Uint8Array): string | null => {
    try {
      return decoder.decode(bytes);
    } catch {
      return null;
    }
  };
  let carry: Uint8Array = new Uint8Array(0);
  let line = 1;
  let first = true;
  const tooLong = (): Error =>
    badInput(`line ${line} is longer than ${maxLineBytes.toLocaleString('en-US')} bytes`, {
      location: { file: input.name, line, column: maxLineBytes + 1 },
      hint: 'an indicator list has one short value per line: check this is the file you meant (a binary or a one-line JSON document?), or import it with the right --format',
    });
  for await (const chunk of input.chunks) {
    onProgress?.(input.bytesRead(), input.totalBytes);
    let start = 0;
    if (first && chunk.length > 0) {
      first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) start = 3;
    }
    for (;;) {
      const nl = chunk.indexOf(NL, start);
      if (nl === -1) {
        const rest = chunk.length - start;
        if (carry.length + rest > maxLineBytes) throw tooLong();
        if (rest > 0) carry = concat(carry, chunk.subarray(start));
        break;
      }
      if (carry.length + (nl - start) > maxLineBytes) throw tooLong();
      let bytes =
        carry.length > 0 ? concat(carry, chunk.subarray(start, nl)) : chunk.subarray(start, nl);
      carry = new Uint8Array(0);
      if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, -1);
      yield { text: decode(bytes), line };
      line++;
      start = nl + 1;
    }
  }
  if (carry.length > 0) {
    const bytes = carry[carry.length - 1] === 0x0d ? carry.subarray(0, -1) : carry;
    yield { text: decode(bytes), line };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return Uint8Array.from(b);
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
