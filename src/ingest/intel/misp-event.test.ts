import { describe, expect, it } from 'vitest';
import { computeScoId } from '../../core/stix/sco-id.js';
import type { StixObject } from '../../core/stix/object.js';
import { TLP2_MARKING_IDS } from '../../core/stix/tlp.js';
import type { IntelItem } from './intel-items.js';
import { mapMispEvent, type MispEventOptions } from './misp-event.js';

const ORG = { name: 'CIRCL', uuid: '55f6ea5e-2c60-40e5-964f-47a8950d210f' };
const T = '1603642920'; // 2020-10-25T16:22:00Z

function attr(n: number, type: string, value: string, extra: Record<string, unknown> = {}) {
  return {
    uuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type,
    value,
    category: 'Network activity',
    timestamp: T,
    ...extra,
  };
}

function event(extra: Record<string, unknown>) {
  return {
    uuid: 'e2e6a6ea-f69b-4d93-8564-f51d67cafe51',
    info: 'test event',
    timestamp: T,
    Orgc: ORG,
    Attribute: [],
    ...extra,
  };
}

function map(e: Record<string, unknown>, options: MispEventOptions = {}): IntelItem[] {
  return mapMispEvent(e, '$.Event', 'event.json', options);
}

const objs = (items: IntelItem[]): StixObject[] =>
  items.flatMap((i) => (i.kind === 'object' ? [i.object] : []));
const byId = (items: IntelItem[], id: string) => objs(items).find((o) => o.id === id);

describe('mapMispEvent', () => {
  it('maps a to_ids attribute to an indicator based on an observed-data of its SCO', () => {
    const items = map(
      event({ Attribute: [attr(1, 'ip-dst', '198.51.100.7', { to_ids: true, comment: 'C2' })] }),
    );
    const ip = computeScoId({ type: 'ipv4-addr', value: '198.51.100.7' })!;
    expect(byId(items, 'indicator--00000000-0000-4000-8000-000000000001')).toMatchObject({
      pattern: "[network-traffic:dst_ref.value = '198.51.100.7']",
      description: 'C2',
      created: '2020-10-25T16:22:00.000Z',
      created_by_ref: `identity--${ORG.uuid}`,
      labels: ['misp:type="ip-dst"', 'misp:category="Network activity"'],
      kill_chain_phases: [{ kill_chain_name: 'misp-category', phase_name: 'Network activity' }],
    });
    expect(byId(items, 'observed-data--00000000-0000-4000-8000-000000000001')).toMatchObject({
      object_refs: [ip],
    });
    expect(byId(items, ip)).toMatchObject({ type: 'ipv4-addr', value: '198.51.100.7' });
    expect(objs(items).find((o) => o.type === 'relationship')).toMatchObject({
      relationship_type: 'based-on',
      source_ref: 'indicator--00000000-0000-4000-8000-000000000001',
    });
    const container = byId(items, 'grouping--e2e6a6ea-f69b-4d93-8564-f51d67cafe51')!;
    expect(container).toMatchObject({ context: 'suspicious-activity', name: 'test event' });
    expect(container.object_refs).toContain('indicator--00000000-0000-4000-8000-000000000001');
  });

  it('keeps other attributes as observables, custom objects or vulnerabilities', () => {
    const items = map(
      event({
        published: true,
        publish_timestamp: T,
        Attribute: [
          attr(1, 'domain', 'circl.lu'),
          attr(2, 'text', 'free text'),
          attr(3, 'vulnerability', 'CVE-2017-11882'),
          attr(4, 'yara', 'rule x { condition: true }', { to_ids: true }),
        ],
      }),
    );
    expect(
      objs(items)
        .map((o) => o.type)
        .sort(),
    ).toEqual(
      [
        'domain-name',
        'identity',
        'indicator',
        'observed-data',
        'report',
        'vulnerability',
        'x-misp-attribute',
      ].sort(),
    );
    expect(objs(items).find((o) => o.type === 'indicator')).toMatchObject({
      pattern_type: 'yara',
      pattern: 'rule x { condition: true }',
    });
    expect(objs(items).find((o) => o.type === 'vulnerability')).toMatchObject({
      external_references: [{ source_name: 'cve', external_id: 'CVE-2017-11882' }],
    });
    expect(objs(items).find((o) => o.type === 'report')).toMatchObject({
      published: '2020-10-25T16:22:00.000Z',
    });
  });

  it('turns tags into labels and TLP markings (an attribute tag beats the event tag)', () => {
    const items = map(
      event({
        Tag: [{ name: 'tlp:white' }, { name: 'type:OSINT' }],
        Attribute: [
          attr(1, 'domain', 'a.example', {
            to_ids: true,
            Tag: [{ name: 'tlp:amber' }, { name: 'kill-chain:C2' }],
          }),
          attr(2, 'domain', 'b.example', { to_ids: true }),
        ],
      }),
    );
    const a = byId(items, 'indicator--00000000-0000-4000-8000-000000000001')!;
    const b = byId(items, 'indicator--00000000-0000-4000-8000-000000000002')!;
    expect(a.object_marking_refs).toEqual([TLP2_MARKING_IDS.amber]);
    expect(a.labels).toContain('kill-chain:C2');
    expect(b.object_marking_refs).toEqual([TLP2_MARKING_IDS.clear]);
    expect(byId(items, 'grouping--e2e6a6ea-f69b-4d93-8564-f51d67cafe51')!.labels).toEqual([
      'Threat-Report',
      'type:OSINT',
    ]);
  });

  it('links galaxy clusters: to the stored ATT&CK object when it resolves, else to a new SDO', () => {
    const galaxy = (type: string, value: string) => [
      { type, GalaxyCluster: [{ value, description: 'd', meta: { synonyms: ['x'] } }] },
    ];
    const items = map(
      event({
        Galaxy: galaxy('mitre-intrusion-set', 'APT28 - G0007'),
        Attribute: [
          attr(1, 'domain', 'a.example', {
            to_ids: true,
            Galaxy: galaxy('mitre-attack-pattern', 'Phishing - T1566'),
          }),
        ],
      }),
      {
        resolveAttack: (_t, ext) =>
          ext === 'T1566' ? 'attack-pattern--a62a8db3-f23a-4d8f-afd6-9dbc77e7813b' : undefined,
      },
    );
    const rels = objs(items).filter(
      (o) => o.type === 'relationship' && o.relationship_type !== 'based-on',
    );
    expect(
      rels.map((r) => [r.relationship_type, String(r.source_ref).split('--')[0], r.target_ref]),
    ).toEqual([
      ['indicates', 'indicator', 'attack-pattern--a62a8db3-f23a-4d8f-afd6-9dbc77e7813b'],
      ['related-to', 'grouping', expect.stringMatching(/^intrusion-set--/)],
    ]);
    expect(objs(items).find((o) => o.type === 'intrusion-set')).toMatchObject({
      name: 'APT28',
      aliases: ['x'],
      external_references: [{ source_name: 'mitre-attack', external_id: 'G0007' }],
    });
    expect(objs(items).some((o) => o.type === 'attack-pattern')).toBe(false);
  });

  it('maps sightings to sightings, false positives to opinions', () => {
    const org = { uuid: '5c6983c8-3af8-4304-869c-4800d6c1883c', name: 'ORGNAME' };
    const items = map(
      event({
        Attribute: [
          attr(1, 'domain', 'a.example', {
            to_ids: true,
            Sighting: [
              {
                type: '0',
                date_sighting: '1551253950',
                Organisation: org,
                uuid: '5c7641bf-a4e8-4d5d-a653-03240a00020f',
              },
              {
                type: '1',
                date_sighting: '1551253959',
                Organisation: org,
                uuid: '5c7641c7-f020-4643-92b4-03240a00020f',
              },
            ],
          }),
        ],
      }),
    );
    expect(byId(items, 'sighting--5c7641bf-a4e8-4d5d-a653-03240a00020f')).toMatchObject({
      sighting_of_ref: 'indicator--00000000-0000-4000-8000-000000000001',
      where_sighted_refs: [`identity--${org.uuid}`],
      count: 1,
      first_seen: '2019-02-27T07:52:30.000Z',
    });
    expect(byId(items, 'opinion--5c7641c7-f020-4643-92b4-03240a00020f')).toMatchObject({
      opinion: 'strongly-disagree',
    });
    expect(byId(items, `identity--${org.uuid}`)).toMatchObject({ name: 'ORGNAME' });
  });

  it('maps a file object to one SCO and an indicator ANDing its to_ids attributes', () => {
    const a = (n: number, relation: string, type: string, value: string, toIds: boolean) => ({
      ...attr(n, type, value),
      object_relation: relation,
      to_ids: toIds,
    });
    const items = map(
      event({
        Object: [
          {
            uuid: '5e384ae7-672c-4250-9cda-3b4da964451a',
            name: 'file',
            'meta-category': 'file',
            timestamp: T,
            Attribute: [
              a(1, 'filename', 'filename', 'oui', true),
              a(2, 'md5', 'md5', '8764605C6F388C89096B534D33565802', true),
              a(3, 'size-in-bytes', 'size-in-bytes', '35', false),
            ],
          },
        ],
      }),
    );
    expect(byId(items, 'indicator--5e384ae7-672c-4250-9cda-3b4da964451a')!.pattern).toBe(
      "[file:hashes.MD5 = '8764605c6f388c89096b534d33565802' AND file:name = 'oui']",
    );
    expect(objs(items).find((o) => o.type === 'file')).toMatchObject({
      name: 'oui',
      size: 35,
      hashes: { MD5: '8764605c6f388c89096b534d33565802' },
    });
  });

  it('rejects an attribute with a bad value, a wrong type or a repeated uuid, and keeps the rest', () => {
    const items = map(
      event({
        Attribute: [
          attr(1, 'ip-dst', 'not-an-ip', { to_ids: true }),
          attr(2, 'domain', 'ok.example', { to_ids: 'maybe' }),
          { ...attr(3, 'domain', 'x.example'), value: 42 },
          attr(4, 'domain', 'kept.example', { to_ids: true }),
          attr(4, 'domain', 'again.example', { to_ids: true }),
        ],
      }),
    );
    expect(
      items
        .filter((i) => i.kind === 'rejected')
        .map((i) => (i.kind === 'rejected' ? [i.location.path, i.reason] : [])),
    ).toEqual([
      [
        '$.Event.Attribute[0].value',
        expect.stringMatching(/ip-dst "not-an-ip" is not a value of type ip/),
      ],
      ['$.Event.Attribute[1].to_ids', expect.stringMatching(/must be true or false/)],
      ['$.Event.Attribute[2].value', expect.stringMatching(/must be a string, not number/)],
      [
        '$.Event.Attribute[4].uuid',
        expect.stringMatching(/already used at \$\.Event\.Attribute\[3\]/),
      ],
    ]);
    expect(
      objs(items)
        .filter((o) => o.type === 'indicator')
        .map((o) => o.pattern),
    ).toEqual(["[domain-name:value = 'kept.example']"]);
  });
});
