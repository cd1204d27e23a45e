import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cicIds2017Loader } from './cic-ids2017.js';
import { genericCsvLoader } from './generic-csv.js';
import { nslKddLoader } from './nsl-kdd.js';
import { caught, fixture } from '../../../test/support/ingest-fixtures.js';
import { unswNb15Loader } from './unsw-nb15.js';

const nsl = (name: string) => fixture('nsl-kdd', name);

/** Each bad NSL-KDD fixture has its problem on line 3 of 5. */
const NSL_CASES = [
  {
    file: 'wrong-field-count.txt',
    column: 141,
    reason: 'wrong number of fields',
    message: 'expected 43 fields, found 40',
    hint: 'each row holds 43 comma-separated fields (41 features, the label and the difficulty level)',
  },
  {
    file: 'non-numeric.txt',
    column: 17,
    reason: "non-numeric value in column 'src_bytes'",
    message: "column 'src_bytes' is numeric but holds '12kB'",
    hint: 'write a number, Infinity, -Infinity or NaN',
  },
  {
    file: 'unknown-label.txt',
    column: 147,
    reason: "unknown label in column 'label'",
    message: "unknown label 'smurfette' in column 'label'",
    hint: 'the 39 attack names of the standard mapping',
  },
  {
    file: 'invalid-utf8.txt',
    column: 11,
    reason: 'invalid UTF-8',
    message: 'byte 0x96 is not valid UTF-8',
    hint: 'iconv -f WINDOWS-1252 -t UTF-8',
  },
];

describe('bad input: located errors, or counted skips', () => {
  for (const c of NSL_CASES) {
    it(`${c.file}: fails at line 3, column ${c.column}`, async () => {
      const file = nsl(c.file);
      const e = await caught(nslKddLoader.load(file, { task: 'category' }));
      expect(e.code).toBe('BAD_INPUT');
      expect(e.location).toEqual({ file, line: 3, column: c.column });
      expect(e.message).toBe(c.message);
      expect(e.hint).toContain(c.hint);
      expect(e.hint).toContain('--on-bad-row skip');
    });

    it(`${c.file}: skips and counts the row with onBadRow 'skip'`, async () => {
      const r = await nslKddLoader.load(nsl(c.file), {
        task: 'category',
        onBadRow: 'skip',
        keepLineNumbers: true,
      });
      expect(r.rows).toBe(4);
      expect([...r.lineOfRow!]).toEqual([1, 2, 4, 5]);
      expect(r.skipped).toEqual({
        count: 1,
        reasons: [{ reason: c.reason, count: 1, firstLine: 3 }],
      });
      // A rejected row leaves no category or label behind in the dictionaries.
      expect(r.dataset.groups!.dictionary).toEqual([
        'normal',
        'neptune',
        'guess_passwd',
        'buffer_overflow',
      ]);
    });
  }

  it('an empty file fails, even when skipping', async () => {
    const file = nsl('empty.txt');
    for (const onBadRow of ['fail', 'skip'] as const) {
      const e = await caught(nslKddLoader.load(file, { task: 'binary', onBadRow }));
      expect(e.code).toBe('BAD_INPUT');
      expect(e.location).toEqual({ file, line: 1, column: 1 });
      expect(e.message).toBe(`${file} is empty`);
    }
  });

  it('a missing file is NOT_FOUND', async () => {
    const file = nsl('no-such-file.txt');
    const e = await caught(nslKddLoader.load(file, { task: 'binary', onBadRow: 'skip' }));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.location).toEqual({ file });
    expect(e.hint).toContain('check the path');
  });

  it('a header without rows fails at the line after it', async () => {
    const file = fixture('unsw-nb15', 'header-only.csv');
    const e = await caught(unswNb15Loader.load(file, { task: 'binary' }));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.location).toEqual({ file, line: 2, column: 1 });
  });

  it('a missing label column fails on the header line', async () => {
    const file = fixture('unsw-nb15', 'no-label-column.csv');
    const e = await caught(unswNb15Loader.load(file, { task: 'binary', onBadRow: 'skip' }));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.location).toEqual({ file, line: 1, column: 1 });
    expect(e.message).toBe(
      "no column 'label' in the header (a UNSW-NB15 training/testing-set CSV)",
    );
    const csv = fixture('csv', 'flows.csv');
    const g = await caught(genericCsvLoader.load(csv, { task: 'attack', label: 'class' }));
    expect(g.code).toBe('BAD_INPUT');
    expect(g.location).toEqual({ file: csv, line: 1, column: 1 });
    expect(g.hint).toBe(
      'the header has 8 columns: src host, proto, port, bytes, total, duration, flag, note, label',
    );
  });

  it('CIC-IDS2017: an unknown label, and a bad byte outside the label', async () => {
    const unknown = fixture('cic-ids2017', 'unknown-label.csv');
    const e = await caught(cicIds2017Loader.load(unknown, { task: 'category' }));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.location).toEqual({ file: unknown, line: 3, column: 310 });
    expect(e.message).toBe("unknown label 'DoS Hulkk' in column 'Label'");
    const bytes = fixture('cic-ids2017', 'invalid-utf8-number.csv');
    const b = await caught(cicIds2017Loader.load(bytes, { task: 'category' }));
    expect(b.location).toEqual({ file: bytes, line: 4, column: 12 });
    expect(b.message).toBe('byte 0x96 is not valid UTF-8');
  });

  it('generic CSV: a broken quote and an empty label', async () => {
    const quote = fixture('csv', 'malformed-quote.csv');
    const q = await caught(genericCsvLoader.load(quote, { task: 'attack', label: 'label' }));
    expect(q.code).toBe('BAD_INPUT');
    expect(q.location).toEqual({ file: quote, line: 3, column: 5 });
    const empty = fixture('csv', 'empty-label.csv');
    const l = await caught(genericCsvLoader.load(empty, { task: 'attack', label: 'label' }));
    expect(l.location).toEqual({ file: empty, line: 3, column: 8 });
    expect(l.message).toBe("empty label in column 'label'");
  });

  describe('files that cannot be read as a whole', () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'threatmesh-bad-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('UTF-16 text fails at line 1, even when skipping', async () => {
      const file = join(dir, 'utf16.txt');
      await writeFile(
        file,
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n', 'utf16le')]),
      );
      const e = await caught(nslKddLoader.load(file, { task: 'binary', onBadRow: 'skip' }));
      expect(e.code).toBe('BAD_INPUT');
      expect(e.location).toEqual({ file, line: 1, column: 1 });
      expect(e.hint).toContain('iconv -f UTF-16');
    });

    it('a .gz file that is not gzip fails; gzip data without .gz is recognised in the hint', async () => {
      const fake = join(dir, 'fake.txt.gz');
      await writeFile(fake, 'plain text\n');
      const e = await caught(nslKddLoader.load(fake, { task: 'binary' }));
      expect(e.code).toBe('BAD_INPUT');
      expect(e.message).toContain('is not a valid gzip file');
      const hidden = join(dir, 'packed.txt');
      await writeFile(hidden, gzipSync(Buffer.from('0,tcp\n'.repeat(100))));
      const g = await caught(nslKddLoader.load(hidden, { task: 'binary' }));
      expect(g.location).toMatchObject({ file: hidden, line: 1 });
      expect(g.hint).toContain('gzip-compressed');
    });

    it('a file whose every row is bad fails even when skipping', async () => {
      const file = join(dir, 'all-bad.txt');
      await writeFile(file, 'a,b,c\nd,e,f\n');
      const e = await caught(nslKddLoader.load(file, { task: 'binary', onBadRow: 'skip' }));
      expect(e.code).toBe('BAD_INPUT');
      expect(e.message).toBe(`no usable rows: all 2 data rows of ${file} were skipped`);
      expect(e.location).toEqual({ file, line: 1, column: 1 });
    });

    it('a directory is not a data file', async () => {
      const e = await caught(nslKddLoader.load(dir, { task: 'binary' }));
      expect(e.code).toBe('BAD_INPUT');
      expect(e.location).toEqual({ file: dir });
    });
  });
});
