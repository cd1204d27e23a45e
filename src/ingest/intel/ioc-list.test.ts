import { describe, expect, it } from 'vitest';
import type { StixObject } from '../../core/stix/object.js';
import { TLP2_MARKING_IDS } from '../../core/stix/tlp.js';
import { readBoundedLines } from './bounded-lines.js';
import { byteInputFrom } from './byte-input.js';
import { parseColumnMappings } from './feed-columns.js';
import type { IntelItem } from './intel-items.js';
import { readIocList, type IocListOptions } from './ioc-list.js';

const DAY = Date.UTC(2024, 4, 1);

async function list(text: string, options: Partial<IocListOptions> = {}): Promise<IntelItem[]> {
  const out: IntelItem[] = [];
  const input = byteInputFrom('feed.csv', [Buffer.from(text, 'utf8')]);
  for await (const item of readIocList(input, { source: 'test', dateMs: DAY, ...options }))
    out.push(item);
  return out;
}

const objects = (items: IntelItem[]): StixObject[] =>
  items.flatMap((i) => (i.kind === 'object' ? [i.object] : []));
const rejections = (items: IntelItem[]) => items.filter((i) => i.kind === 'rejected');

describe('readIocList', () => {
  it('reads a one-value-per-line list, skipping comments and blank lines, detecting each type', async () => {
    const items = await list(
      [
        '# blocklist, generated 2024-05-01',
        '',
        '198.51.100.7',
        '2001:db8::/32',
        '; another comment style',
        'Evil.Example.',
        'hxxp://bad[.]example/a?b=1',
        'd41d8cd98f00b204e9800998ecf8427f',
        'Mallory@Example.net',
        '203.0.113.0/24',
      ].join('\r\n'),
    );
    expect(rejections(items)).toEqual([]);
    expect(objects(items).map((o) => o.pattern)).toEqual([
      "[ipv4-addr:value = '198.51.100.7']",
      "[ipv6-addr:value = '2001:db8::/32']",
      "[domain-name:value = 'evil.example']",
      "[url:value = 'http://bad.example/a?b=1']",
      "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427f']",
      "[email-addr:value = 'mallory@example.net']",
      "[ipv4-addr:value = '203.0.113.0/24']",
    ]);
    const first = objects(items)[0]!;
    expect(first).toMatchObject({
      type: 'indicator',
      name: '198.51.100.7',
      created: new Date(DAY).toISOString(),
      valid_from: new Date(DAY).toISOString(),
      pattern_type: 'stix',
      x_threatmesh_sources: [{ source: 'test', first_seen: new Date(DAY).toISOString() }],
    });
  });

  it('gives the same value the same id whatever the source, and reports repeats once', async () => {
    const a = await list('198.51.100.7\n198.51.100.7\n', { source: 'a' });
    const b = await list('198.51.100.7\n', { source: 'b' });
    expect(objects(a)).toHaveLength(1);
    expect(a.at(-1)).toMatchObject({
      kind: 'note',
      text: expect.stringMatching(/1 repeated value/),
    });
    expect(objects(a)[0]!.id).toBe(objects(b)[0]!.id);
  });

  it('reads a Sentinel-style CSV: header, type column, TLP column, US dates', async () => {
    const items = await list(
      [
        'DateAdded,IoC,Type,TLP',
        '10/22/2021,231b5517b583de102cde59630c3bf938155d17037162f663874e4662af2481b1,sha256,White',
        '10/22/2021,Windows\\ADFS\\version.dll,FilePath,Amber',
        '10/22/2021,/adfs/services/trust/2005/samlmixed/upload,URI1,',
        '10/22/2021,cmd.exe /c whoami,CommandLine,Green',
      ].join('\n'),
      { defaultTlp: 'red' },
    );
    expect(rejections(items)).toEqual([]);
    const got = objects(items);
    expect(got.map((o) => o.pattern)).toEqual([
      "[file:hashes.'SHA-256' = '231b5517b583de102cde59630c3bf938155d17037162f663874e4662af2481b1']",
      "[file:name = 'version.dll' AND file:parent_directory_ref.path = 'Windows\\\\ADFS']",
      "[network-traffic:extensions.'http-request-ext'.request_value = '/adfs/services/trust/2005/samlmixed/upload']",
      "[process:command_line = 'cmd.exe /c whoami']",
    ]);
    expect(got.map((o) => o.object_marking_refs)).toEqual([
      [TLP2_MARKING_IDS.clear],
      [TLP2_MARKING_IDS.amber],
      [TLP2_MARKING_IDS.red],
      [TLP2_MARKING_IDS.green],
    ]);
    expect(got[0]!.created).toBe('2021-10-22T00:00:00.000Z');
  });

  it('rejects rows with an unknown TLP, type or date, with file, line and column', async () => {
    const items = await list(
      [
        'IoC,Type,TLP,Date',
        '198.51.100.7,ip,Purple,2024-01-01',
        'x,Wat,Green,2024-01-01',
        '198.51.100.8,ip,Green,2024-13-45',
        'not a value,auto,,',
      ].join('\n'),
    );
    expect(objects(items)).toEqual([]);
    expect(rejections(items)).toEqual([
      {
        kind: 'rejected',
        location: { file: 'feed.csv', line: 2, column: 17 },
        reason: expect.stringMatching(/unknown TLP "Purple"/),
      },
      {
        kind: 'rejected',
        location: { file: 'feed.csv', line: 3, column: 3 },
        reason: expect.stringMatching(/unknown indicator type "Wat"/),
      },
      {
        kind: 'rejected',
        location: { file: 'feed.csv', line: 4, column: 23 },
        reason: expect.stringMatching(/"2024-13-45" is not a date/),
      },
      {
        kind: 'rejected',
        location: { file: 'feed.csv', line: 5, column: 1 },
        reason: expect.stringMatching(/not an indicator value/),
      },
    ]);
  });

  it('takes --map for columns a header does not name, by name or number', async () => {
    const text =
      'when;what;why\n2024-02-03;evil.example;phishing kit\n2024-02-04;198.51.100.9;scanner';
    const items = await list(text, {
      map: parseColumnMappings(['what=auto', '1=date', 'why=description']),
    });
    expect(objects(items).map((o) => [o.pattern, o.created, o.description])).toEqual([
      ["[domain-name:value = 'evil.example']", '2024-02-03T00:00:00.000Z', 'phishing kit'],
      ["[ipv4-addr:value = '198.51.100.9']", '2024-02-04T00:00:00.000Z', 'scanner'],
    ]);
    await expect(list(text, { map: parseColumnMappings(['nope=auto']) })).rejects.toMatchObject({
      code: 'USAGE',
    });
    expect(() => parseColumnMappings(['what=colour'])).toThrow(/unknown kind "colour"/);
  });

  it('refuses a value of the wrong type for its column', async () => {
    const items = await list('IPAddress\n198.51.100.7\nevil.example\n');
    expect(objects(items)).toHaveLength(1);
    expect(rejections(items)[0]).toMatchObject({
      location: { line: 3 },
      reason: expect.stringMatching(/not a value of type ip/),
    });
  });
});

describe('readBoundedLines', () => {
  it('refuses an over-long line from an endless stream after reading only a little more than the maximum', async () => {
    let chunks = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('198.51.100.7\n');
      for (;;) {
        chunks++;
        yield Buffer.alloc(64 << 10, 0x61);
      }
    }
    const lines: (string | null)[] = [];
    const input = byteInputFrom('generated', endless());
    await expect(
      (async () => {
        for await (const l of readBoundedLines(input, 1 << 20)) lines.push(l.text);
      })(),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      location: { file: 'generated', line: 2, column: (1 << 20) + 1 },
      message: expect.stringMatching(/line 2 is longer than 1,048,576 bytes/),
    });
    expect(lines).toEqual(['198.51.100.7']);
    expect(chunks).toBe(17); // 16 × 64 KiB fill the maximum; the 17th passes it
  });

  it('splits lines across chunk boundaries and reports undecodable ones', async () => {
    const input = byteInputFrom('x', [
      Buffer.from('ab'),
      Buffer.from('c\r\nd'),
      Buffer.from([0xff, 0x0a]),
      Buffer.from('e'),
    ]);
    const got = [];
    for await (const l of readBoundedLines(input, 100)) got.push([l.line, l.text]);
    expect(got).toEqual([
      [1, 'abc'],
      [2, null],
      [3, 'e'],
    ]);
  });
});
