/**
 * Byte chunks → blocks of decoded lines. Lines are split at the byte level (0x0A never occurs
 * inside a UTF-8 sequence), so each block of complete lines is decoded with one fatal
 * TextDecoder call; only when that fails is the block decoded line by line to find the bad one.
 */
import { TextDecoder } from 'node:util';
import { badInput } from '../../core/errors.js';
import type { ByteSource } from './byte-source.js';
import { firstInvalidUtf8 } from './encoding.js';

/** Complete lines separated by '\n' (a '\r' before it is kept); the file's last line may lack '\n'. */
export interface TextBlock {
  readonly kind: 'text';
  readonly text: string;
  /** 1-based line number of the block's first line. */
  readonly firstLine: number;
}

/** One line that is not valid UTF-8, as bytes without its line end. */
export interface UndecodableLine {
  readonly kind: 'undecodable';
  readonly bytes: Uint8Array;
  readonly line: number;
  /** Offset in `bytes` of the first invalid byte. */
  readonly badOffset: number;
}

export type LineBlock = TextBlock | UndecodableLine;

/** A line longer than this is not flow data; stop before memory runs out on a binary file. */
const MAX_LINE_BYTES = 64 << 20;
/** Progress callbacks at most ~10×/s. */
const PROGRESS_INTERVAL_MS = 100;
const NL = 0x0a;

export type ProgressCallback = (bytesRead: number, totalBytes: number) => void;

/**
 * Decoded line blocks of `source`, without a leading UTF-8 byte-order mark.
 *
 * @throws ThreatMeshError BAD_INPUT for a UTF-16 file or a line over 64 MiB.
 * @example
 * for await (const block of readLineBlocks(await openByteSource(f), f)) if (block.kind === 'text') …
 */
export async function* readLineBlocks(
  source: ByteSource,
  file: string,
  onProgress?: ProgressCallback,
): AsyncGenerator<LineBlock> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let carry: Buffer | undefined;
  let line = 1;
  let atStart = true;
  let lastProgress = performance.now();
  for await (const chunk of source.chunks) {
    let buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    carry = undefined;
    if (atStart) {
      // A gunzip chunk may be shorter than a byte-order mark; wait for more.
      if (buf.length < 3) {
        carry = buf;
        continue;
      }
      buf = stripByteOrderMark(buf, file);
      atStart = false;
    }
    const last = buf.lastIndexOf(NL);
    if (last === -1) {
      if (buf.length > MAX_LINE_BYTES) throw lineTooLong(file, line);
      carry = buf;
      continue;
    }
    if (last + 1 < buf.length) carry = buf.subarray(last + 1);
    const complete = buf.subarray(0, last + 1);
    yield* decodeBlock(decoder, complete, line);
    line += countNewlines(complete);
    if (onProgress) {
      const now = performance.now();
      if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
        lastProgress = now;
        onProgress(source.bytesRead(), source.totalBytes);
      }
    }
  }
  if (carry && carry.length > 0) {
    if (atStart) carry = stripByteOrderMark(carry, file);
    yield* decodeBlock(decoder, carry, line);
  }
}

function stripByteOrderMark(buf: Buffer, file: string): Buffer {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3);
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw badInput(`${file} is UTF-16 text; flow files are read as UTF-8`, {
      location: { file, line: 1, column: 1 },
      hint: `convert it first: iconv -f UTF-16 -t UTF-8 ${file} > converted.csv`,
    });
  }
  return buf;
}

function* decodeBlock(
  decoder: TextDecoder,
  bytes: Buffer,
  firstLine: number,
): Generator<LineBlock> {
  let text: string | undefined;
  try {
    text = decoder.decode(bytes);
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    yield { kind: 'text', text, firstLine };
    return;
  }
  // Slow path: yield the valid runs of lines as text and each bad line on its own.
  let runStart = 0;
  let runLine = firstLine;
  let start = 0;
  let line = firstLine;
  while (start < bytes.length) {
    let end = bytes.indexOf(NL, start);
    const next = end === -1 ? bytes.length : end + 1;
    if (end === -1) end = bytes.length;
    const content = bytes.subarray(start, end > start && bytes[end - 1] === 0x0d ? end - 1 : end);
    const bad = firstInvalidUtf8(content);
    if (bad !== -1) {
      if (runStart < start) {
        yield {
          kind: 'text',
          text: decoder.decode(bytes.subarray(runStart, start)),
          firstLine: runLine,
        };
      }
      yield { kind: 'undecodable', bytes: content, line, badOffset: bad };
      runStart = next;
      runLine = line + 1;
    }
    start = next;
    line++;
  }
  if (runStart < bytes.length) {
    yield { kind: 'text', text: decoder.decode(bytes.subarray(runStart)), firstLine: runLine };
  }
}

function countNewlines(bytes: Buffer): number {
  let count = 0;
  let i = bytes.indexOf(NL);
  while (i !== -1) {
    count++;
    i = bytes.indexOf(NL, i + 1);
  }
  return count;
}

function lineTooLong(file: string, line: number): Error {
  return badInput(`line ${line} is longer than ${MAX_LINE_BYTES >> 20} MiB`, {
    location: { file, line, column: 1 },
    hint: 'this does not look like a text file of flow records (one record per line)',
  });
}
