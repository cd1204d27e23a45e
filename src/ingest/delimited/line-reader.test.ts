import { describe, expect, it, vi } from 'vitest';
import { ThreatMeshError } from '../../core/errors.js';
import type { ByteSource } from './byte-source.js';
import type { LineBlock } from './line-reader.js';
import { readLineBlocks } from './line-reader.js';

/** A source that hands out `bytes` in chunks of `size`. */
function source(bytes: Buffer, size: number): ByteSource {
  let read = 0;
  return {
    totalBytes: bytes.length,
    bytesRead: () => read,
    chunks: (async function* () {
      for (let i = 0; i < bytes.length; i += size) {
        read = Math.min(bytes.length, i + size);
        yield bytes.subarray(i, i + size);
      }
    })(),
  };
}

/** The lines of the blocks: [line number, text or `!offset` for an undecodable line]. */
async function lines(bytes: Buffer, size: number): Promise<[number, string][]> {
  const out: [number, string][] = [];
  for await (const block of readLineBlocks(source(bytes, size), 'x.csv')) out.push(...split(block));
  return out;
}

function split(block: LineBlock): [number, string][] {
  if (block.kind === 'undecodable') return [[block.line, `!${block.badOffset}`]];
  const parts = block.text.split('\n');
  if (parts.at(-1) === '') parts.pop();
  return parts.map((t, i) => [block.firstLine + i, t.replace(/\r$/, '')]);
}

describe('readLineBlocks', () => {
  const text = Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from('id,label\r\n1,Web Attack – XSS\r\n2,Web Attack '),
    Buffer.from([0x96]),
    Buffer.from(' Brute Force\r\n\r\n3,BENIGN'),
  ]);
  const expected: [number, string][] = [
    [1, 'id,label'],
    [2, '1,Web Attack – XSS'],
    [3, '!13'],
    [4, ''],
    [5, '3,BENIGN'],
  ];

  it('gives the same lines whatever the chunk size (BOM, CRLF, multi-byte characters split)', async () => {
    for (let size = 1; size <= text.length; size++) {
      expect(await lines(text, size), `chunks of ${size}`).toEqual(expected);
    }
  });

  it('refuses UTF-16', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n', 'utf16le')]);
    await expect(lines(utf16, 64)).rejects.toBeInstanceOf(ThreatMeshError);
  });

  it('reports progress at most every 100 ms', async () => {
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => clock);
    try {
      const data = Buffer.from('1,2\n'.repeat(20));
      const src = source(data, 4);
      const ticking = (async function* () {
        for await (const chunk of src.chunks) {
          clock += 30;
          yield chunk;
        }
      })();
      const calls: number[] = [];
      const blocks = readLineBlocks({ ...src, chunks: ticking }, 'x.csv', (r) => calls.push(r));
      for await (const block of blocks) expect(block.kind).toBe('text');
      // 20 chunks 30 ms apart: a report at 120, 240, 360, 480 and 600 ms.
      expect(calls).toEqual([16, 32, 48, 64, 80]);
    } finally {
      now.mockRestore();
    }
  });
});
