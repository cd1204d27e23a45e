/**
 * The public IOC lists of ../shared/data/ioc in one index. Expected counts, from the files:
 * `grep -c '' blocklist.de-IP_BL.txt` = 19,902 addresses (the last line has no newline, so
 * `wc -l` says 19,901), of which `grep -c :` = 50 IPv6; the Feodo Tracker JSON holds 222
 * entries with 203 distinct `ip_address` values (`python3 -c "import json; …"`); the Sentinel
 * CSVs hold 2 + 3 + 9 SHA-256 rows and 323 addresses (Log4j list, one header line).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  SHARED_SKIP_REASON,
  hasSharedData,
  sharedFile,
} from '../../../test/support/shared-data.js';
import { IocIndex } from './ioc-index.js';

const lines = (file: string) =>
  readFileSync(sharedFile('ioc', file), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');

describe.skipIf(!hasSharedData)(`real IOC lists ${hasSharedData ? '' : SHARED_SKIP_REASON}`, () => {
  it('indexes every blocklist.de address, flags none, and finds each again', () => {
    const index = new IocIndex();
    const addresses = lines('blocklist.de-IP_BL.txt');
    expect(addresses).toHaveLength(19_902);
    let flagged = 0;
    addresses.forEach((ip, i) => {
      const r = index.addIndicator({
        type: ip.includes(':') ? 'ipv6' : 'ipv4',
        value: ip,
        indicatorId: `bl-${i}`,
      });
      if (r.warnings.length > 0) flagged++;
    });
    expect(flagged).toBe(0);
    expect(index.indicatorCount).toBe(19_902);
    expect(addresses.filter((ip) => ip.includes(':'))).toHaveLength(50);
    addresses.forEach((ip, i) => expect(index.lookup(ip)).toEqual([`bl-${i}`]));
  });

  it('indexes the Feodo Tracker entries, several indicators per repeated address', () => {
    const index = new IocIndex();
    const entries = JSON.parse(
      readFileSync(sharedFile('ioc', 'ipblocklist_recommended.json'), 'utf8'),
    ) as { ip_address: string }[];
    entries.forEach((e, i) =>
      index.addIndicator({ type: 'ipv4', value: e.ip_address, indicatorId: `feodo-${i}` }),
    );
    expect(index.entryCount).toBe(222);
    const distinct = new Set(entries.map((e) => e.ip_address));
    expect(distinct.size).toBe(203);
    const matched = [...distinct].reduce((n, ip) => n + index.lookup(ip).length, 0);
    expect(matched).toBe(222);
  });

  it('indexes the Sentinel hashes and addresses (trailing spaces in the Hive list included)', () => {
    const index = new IocIndex();
    let n = 0;
    for (const file of ['DEV-0586.csv', 'FoggyWebIOC.csv', 'HiveRansomwareJuly2022.csv']) {
      for (const line of lines(`sentinel/${file}`).slice(1)) {
        const [, value, type] = line.split(',');
        if (type?.trim() === 'sha256')
          index.addIndicator({ type: 'sha256', value: value!, indicatorId: `${file}-${n++}` });
      }
    }
    expect(n).toBe(14);
    for (const ip of lines('sentinel/Log4j_IOC_List.csv').slice(1)) {
      index.addIndicator({ type: 'ipv4', value: ip, indicatorId: `log4j-${n++}` });
    }
    expect(index.indicatorCount).toBe(14 + 323);
    expect(
      index.lookup('F4A39820DBFF47FA1B68F83F575BC98ED33858B02341C5C0464A49BE4E6C76D3'),
    ).toHaveLength(1);
  });
});
