/**
 * Intelligence inputs as streams of bytes: a file (gzip recognised by its magic bytes, not by
 * its name, since feeds are often saved without `.gz`), or any async iterable of chunks (a
 * generated stream, a download). Nothing here holds more than one chunk.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { badInput, notFound } from '../../core/errors.js';

/** 1 MiB chunks, as the flow loaders read (byte-source.ts measured smaller ones slower). */
const CHUNK_BYTES = 1 << 20;

export interface ByteInput {
  /** The name locations carry: the file path, or what the caller calls the stream. */
  readonly name: string;
  /** Bytes on disk (compressed size for gzip); undefined for a stream of unknown length. */
  readonly totalBytes: number | undefined;
  /** Bytes read from disk so far (compressed bytes for gzip). */
  bytesRead(): number;
  /** The (decompressed) bytes; leaving the loop early closes the file. */
  readonly chunks: AsyncIterable<Uint8Array>;
  /** Last modification time of the file (ms), used to date feeds that carry no dates. */
  readonly modifiedMs: number | undefined;
}

/**
 * Opens a file for streaming; gzip (magic bytes 1f 8b) is decompressed on the fly.
 *
 * @throws ThreatMeshError NOT_FOUND for a missing file, BAD_INPUT for a directory, an unreadable
 *   file, or (while iterating) a truncated or corrupt gzip stream.
 * @example
 * const input = await openIntelFile('enterprise-attack.json.gz');
 * for await (const chunk of input.chunks) console.log(chunk.length, input.bytesRead());
 */
export async function openIntelFile(file: string): Promise<ByteInput> {
  const st = await statFile(file);
  const gzip = await hasGzipMagic(file);
  const raw = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  const stream: Readable = gzip ? raw.pipe(createGunzip({ chunkSize: CHUNK_BYTES })) : raw;
  // pipe() does not forward errors; without this a read error would leave gunzip waiting.
  if (gzip) raw.on('error', (e) => stream.destroy(e));
  return {
    name: file,
    totalBytes: st.size,
    bytesRead: () => raw.bytesRead,
    chunks: iterate(file, gzip, raw, stream),
    modifiedMs: st.mtimeMs,
  };
}

/**
 * A ByteInput over chunks from anywhere (tests, generated streams, HTTP bodies).
 *
 * @example byteInputFrom('feed.txt', [Buffer.from('198.51.100.7\n')])
 */
export function byteInputFrom(
  name: string,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  totalBytes?: number,
): ByteInput {
  let read = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const c of chunks) {
      read += c.length;
      yield c;
    }
  }
  return {
    name,
    totalBytes,
    bytesRead: () => read,
    chunks: counted(),
    modifiedMs: undefined,
  };
}

async function statFile(file: string): Promise<{ size: number; mtimeMs: number }> {
  try {
    const st = await stat(file);
    if (st.isDirectory()) {
      throw badInput(`${file} is a directory`, {
        location: { file },
        hint: 'pass a file, or a MISP feed directory (one with a manifest.json)',
      });
    }
    return { size: st.size, mtimeMs: Math.floor(st.mtimeMs) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw notFound(`no such file: ${file}`, {
        location: { file },
        hint: 'check the path (relative paths start from the current directory)',
        cause: e,
      });
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw badInput(`cannot read ${file}: permission denied`, {
        location: { file },
        hint: 'check the file permissions',
        cause: e,
      });
    }
    throw e;
  }
}

async function hasGzipMagic(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

async function* iterate(
  file: string,
  gzip: boolean,
  raw: Readable,
  stream: Readable,
): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (gzip && typeof code === 'string' && code.startsWith('Z_')) {
      const truncated = code === 'Z_BUF_ERROR';
      throw badInput(
        truncated
          ? `${file} is a truncated gzip file (it ends in the middle of the compressed data)`
          : `${file} is not a valid gzip file (${(e as Error).message})`,
        {
          location: { file },
          hint: truncated
            ? 'the download or copy was cut short: fetch the file again'
            : 'it starts like gzip but its content is corrupt: fetch the file again',
          cause: e,
        },
      );
    }
    throw e;
  } finally {
    stream.destroy();
    raw.destroy();
  }
}
