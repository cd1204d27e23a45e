/**
 * An output file that appears only when complete: written to a temporary file beside it
 * (gzip-compressed when the name ends in .gz) and renamed into place on commit.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { isGzipName } from '../delimited/byte-source.js';

export interface AtomicOutput {
  /** Append bytes; resolves once the stream has taken them (back-pressure). */
  write(bytes: Uint8Array): Promise<void>;
  /** Finish writing and close the temporary file. */
  close(): Promise<void>;
  /** Rename the closed temporary file into place. */
  commit(): Promise<void>;
  /** Remove the temporary file (never throws). */
  abort(): Promise<void>;
}

/**
 * Open `path` for writing through a temporary file in the same directory (same file system,
 * so the rename is atomic).
 *
 * @example
 * const out = openAtomicOutput('train.csv.gz');
 * try { await out.write(bytes); await out.close(); await out.commit(); } catch (e) { await out.abort(); throw e; }
 */
export function openAtomicOutput(path: string): AtomicOutput {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const file = createWriteStream(temp);
  const gzip = isGzipName(path) ? createGzip() : undefined;
  const head: Writable = gzip ?? file;
  // Rename only once the descriptor is closed ('close' follows 'finish').
  const closed = once(file, 'close');
  const done = gzip ? Promise.all([pipeline(gzip, file), closed]) : closed;
  // Errors surface through write() or commit(); this only stops an unhandled rejection.
  done.catch(() => undefined);
  return {
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        head.write(bytes, (e) => (e ? reject(e) : resolve()));
      }),
    async close() {
      head.end();
      await done;
    },
    commit: () => rename(temp, path),
    async abort() {
      head.destroy();
      file.destroy();
      await unlink(temp).catch(() => undefined);
    },
  };
}
