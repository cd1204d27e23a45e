#!/usr/bin/env python3
"""Reference side of the IOC index benchmark (bench/ioc): the index a Python user would write.

Dicts keyed by normalised values; `ipaddress` to parse addresses and networks; longest-prefix
match by probing one dict per prefix length in use, longest first (the usual Python LPM);
domains by looking up the name and each parent domain. Same semantics as ThreatMesh's index for
the benchmark's data (IPv4/IPv6 and networks, IPv4-mapped IPv6 as IPv4, domains with parents,
case-insensitive hashes; answers de-duplicated, most specific first).

    /usr/bin/python3 bench/reference/ioc_index.py DIR [--runs 3]

Reads DIR/indicators.tsv (type, value, id) and DIR/queries.tsv (type, value). Memory is the
growth of this process's resident set over the build (after gc.collect() on both sides).
Prints one JSON line.
"""
import argparse
import gc
import ipaddress
import json
import os
import platform
import statistics
import sys
import time


def rss_bytes():
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE')


class PyIocIndex:
    def __init__(self):
        self.nets = {4: {}, 6: {}}        # version -> prefix length -> {network int: [ids]}
        self.lengths = {4: [], 6: []}     # prefix lengths in use, longest first
        self.masks = {4: {}, 6: {}}
        self.domains = {}
        self.hashes = {}

    def add(self, typ, value, ind):
        value = value.strip()
        if typ in ('ipv4', 'cidr4', 'ipv6', 'cidr6'):
            net = ipaddress.ip_network(value, strict=False)
            if net.version == 6 and net.prefixlen >= 96 and net.network_address.ipv4_mapped:
                net = ipaddress.ip_network(f'{net.network_address.ipv4_mapped}/{net.prefixlen - 96}')
            v, plen = net.version, net.prefixlen
            table = self.nets[v].get(plen)
            if table is None:
                table = self.nets[v][plen] = {}
                self.lengths[v] = sorted(self.nets[v], reverse=True)
                self.masks[v][plen] = int(net.netmask)
            ids = table.setdefault(int(net.network_address), [])
        elif typ == 'domain':
            name = value.rstrip('.')
            name = name.lower() if name.isascii() else name.encode('idna').decode('ascii')
            ids = self.domains.setdefault(name, [])
        else:
            ids = self.hashes.setdefault(value.lower(), [])
        if ind not in ids:
            ids.append(ind)

    def lookup(self, typ, value):
        out = []
        if typ in ('ipv4', 'ipv6'):
            a = ipaddress.ip_address(value)
            if a.version == 6 and a.ipv4_mapped:
                a = a.ipv4_mapped
            x, v = int(a), a.version
            nets, masks = self.nets[v], self.masks[v]
            for plen in self.lengths[v]:
                ids = nets[plen].get(x & masks[plen])
                if ids:
                    out.extend(i for i in ids if i not in out)
        elif typ == 'domain':
            labels = value.lower().rstrip('.').split('.')
            for k in range(len(labels)):
                ids = self.domains.get('.'.join(labels[k:]))
                if ids:
                    out.extend(i for i in ids if i not in out)
        else:
            ids = self.hashes.get(value.lower())
            if ids:
                out.extend(ids)
        return out


def read_tsv(path, columns):
    cols = [[] for _ in range(columns)]
    with open(path, encoding='utf-8') as f:
        for line in f:
            parts = line.rstrip('\n').split('\t')
            for c in range(columns):
                cols[c].append(parts[c])
    return cols


def timed(fn):
    c0, t0 = time.process_time(), time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t0, time.process_time() - c0


def checksum(index, types, values):
    """Same fold as bench/ioc/tsv.ts matchChecksum: per query the sum of FNV-1a of its ids."""
    pairs, acc = 0, 0
    for t, v in zip(types, values):
        s = 0
        for ident in index.lookup(t, v):
            h = 0x811c9dc5
            for b in ident.encode('utf-8'):
                h = ((h ^ b) * 0x01000193) & 0xffffffff
            s = (s + h) & 0xffffffff
            pairs += 1
        acc = (acc * 31 + s) & 0xffffffff
    return {'pairs': pairs, 'checksum': acc}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('dir')
    ap.add_argument('--runs', type=int, default=3)
    args = ap.parse_args()
    types, values, ids = read_tsv(os.path.join(args.dir, 'indicators.tsv'), 3)
    qtypes, qvalues = read_tsv(os.path.join(args.dir, 'queries.tsv'), 2)

    gc.collect()
    before = rss_bytes()
    index = PyIocIndex()

    def build():
        for t, v, i in zip(types, values, ids):
            index.add(t, v, i)
    _, build_wall, build_cpu = timed(build)
    gc.collect()
    after = rss_bytes()

    def one_pass():
        lookup = index.lookup
        hits = 0
        for t, v in zip(qtypes, qvalues):
            hits += len(lookup(t, v))
        return hits
    one_pass()
    passes = [timed(one_pass) for _ in range(args.runs)]
    n = len(qvalues)
    print(json.dumps({
        'python': sys.version.split()[0],
        'platform': platform.platform(),
        'indicators': len(values),
        'buildSecondsWall': build_wall,
        'buildSecondsCpu': build_cpu,
        'rssGrowthBytes': after - before,
        'bytesPerIndicator': (after - before) / len(values),
        'lookupsPerSecondWall': statistics.median(n / p[1] for p in passes),
        'lookupsPerSecondCpu': statistics.median(n / p[2] for p in passes),
        'checksum': checksum(index, qtypes, qvalues),
    }))


if __name__ == '__main__':
    main()
