import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readAbuseChJson } from './abusech-json.js';
import { byteInputFrom, openIntelFile } from './byte-input.js';
import type { IntelItem } from './intel-items.js';
import { resolveIntelInputs, sniffFormat } from './intel-inputs.js';
import { readStixBundle } from './stix-bundle.js';

async function all(gen: AsyncIterable<IntelItem>): Promise<IntelItem[]> {
  const out: IntelItem[] = [];
  for await (const i of gen) out.push(i);
  return out;
}

const bytes = (text: string) => byteInputFrom('bundle.json', [Buffer.from(text)]);
const dir = mkdtempSync(join(tmpdir(), 'tm-stix-bundle-'));

describe('readStixBundle', () => {
  it('upgrades a STIX 2.0 bundle object by object and says so', async () => {
    const items = await all(
      readStixBundle(await openIntelFile('test/fixtures/stix/stix20-bundle.json')),
    );
    const objects = items.flatMap((i) => (i.kind === 'object' ? [i.object] : []));
    expect(objects.length).toBeGreaterThan(0);
    expect(
      objects
        .filter((o) => o.type !== 'ipv4-addr' && o.type !== 'domain-name')
        .every((o) => o.spec_version === '2.1'),
    ).toBe(true);
    expect(items.at(-1)).toMatchObject({
      kind: 'note',
      text: expect.stringMatching(/upgraded to 2\.1/),
    });
  });

  it('passes 2.1 objects through and rejects elements that are not objects', async () => {
    const o = {
      type: 'malware',
      spec_version: '2.1',
      id: 'malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061',
      name: 'x',
    };
    const items = await all(
      readStixBundle(bytes(JSON.stringify({ type: 'bundle', id: 'bundle--1', objects: [o, 7] }))),
    );
    expect(items).toEqual([
      {
        kind: 'object',
        object: o,
        location: { file: 'bundle.json', line: 1, path: '$.objects[0]' },
      },
      {
        kind: 'rejected',
        location: { file: 'bundle.json', line: 1, path: '$.objects[1]' },
        reason: 'a STIX object must be a JSON object',
      },
    ]);
  });

  it('refuses documents that are not bundles, with the JSON path', async () => {
    await expect(
      all(readStixBundle(bytes('{"type": "report", "objects": []}'))),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      location: { path: '$.type' },
    });
    await expect(
      all(readStixBundle(bytes('{"type": "bundle", "objects": {"a": 1}}'))),
    ).rejects.toMatchObject({
      location: { path: '$.objects' },
    });
    await expect(all(readStixBundle(bytes('{"objects": []}')))).rejects.toThrow(
      /no "type": "bundle"/,
    );
  });

  it('refuses a truncated gzip file, recognised by its magic bytes whatever its name', async () => {
    const whole = gzipSync(readFileSync('test/fixtures/stix/valid-bundle.json'));
    const file = join(dir, 'cut.json');
    writeFileSync(file, whole.subarray(0, whole.length - 40));
    await expect(all(readStixBundle(await openIntelFile(file)))).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/truncated gzip/),
      hint: expect.stringMatching(/fetch the file again/),
    });
  });
});

describe('readAbuseChJson', () => {
  it('makes one indicator per address, a malware family and the indicates relationship', async () => {
    const feed = [
      {
        ip_address: '198.51.100.7',
        port: 443,
        status: 'online',
        first_seen: '2023-05-01 10:00:00',
        last_online: '2023-06-14',
        malware: 'QakBot',
      },
      {
        ip_address: '198.51.100.7',
        port: 8443,
        first_seen: '2023-05-02 10:00:00',
        malware: 'QakBot',
      },
      { ip_address: 'nope', malware: 'QakBot' },
      'x',
    ];
    const items = await all(readAbuseChJson(bytes(JSON.stringify(feed)), { source: 'feodo' }));
    const objects = items.flatMap((i) => (i.kind === 'object' ? [i.object] : []));
    expect(objects.map((o) => o.type)).toEqual(['indicator', 'malware', 'relationship']);
    expect(objects[0]).toMatchObject({
      pattern: "[ipv4-addr:value = '198.51.100.7']",
      created: '2023-05-01T10:00:00.000Z',
      modified: '2023-06-14T00:00:00.000Z',
      description: 'QakBot C2, port 443, status online',
    });
    expect(objects[2]).toMatchObject({
      relationship_type: 'indicates',
      source_ref: objects[0]!.id,
      target_ref: objects[1]!.id,
    });
    expect(
      items
        .filter((i) => i.kind === 'rejected')
        .map((i) => (i.kind === 'rejected' ? i.location.path : '')),
    ).toEqual(['$[2].ip_address', '$[3]']);
  });

  it('refuses a JSON object that holds no list of entries', async () => {
    await expect(all(readAbuseChJson(bytes('{"Event": {}}'), { source: 's' }))).rejects.toThrow(
      /not an abuse.ch-style feed/,
    );
  });
});

describe('format detection', () => {
  it('tells STIX, MISP, abuse.ch JSON and text lists apart from their first bytes', async () => {
    const write = (name: string, text: string | Buffer) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    expect(await sniffFormat('test/fixtures/stix/valid-bundle.json')).toBe('stix');
    expect(await sniffFormat(write('e.json', '{"Event": {"uuid": "x"}}'))).toBe('misp');
    expect(await sniffFormat(write('r.json.gz', gzipSync('  {"response": []}')))).toBe('misp');
    expect(await sniffFormat(write('f.json', '[{"ip_address": "198.51.100.7"}]'))).toBe('ioc-json');
    expect(await sniffFormat(write('l.txt', '198.51.100.7\n'))).toBe('csv');
    await expect(sniffFormat(write('odd.json', '{"hello": 1}'))).rejects.toMatchObject({
      hint: expect.stringMatching(/pass --format/),
    });
    expect((await resolveIntelInputs([write('one.csv', 'a')], 'stix'))[0]).toEqual({
      path: join(dir, 'one.csv'),
      format: 'stix',
    });
  });
});
