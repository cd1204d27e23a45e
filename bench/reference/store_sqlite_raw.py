#!/usr/bin/env python3
"""Reference side of bench/store: the least a SQLite STIX store can do, in Python's sqlite3.

Inserts the objects of a STIX bundle as JSON text into one table keyed by id (`raw`), and again
with an FTS5 index over name and description (`raw+fts`), in batches of --batch objects, one
transaction per batch, WAL, synchronous=NORMAL, as the ThreatMesh SQLite store runs. No
versions, owners, provenance, labels or graph: a floor for the cost of storing the bytes.

  /usr/bin/python3 bench/reference/store_sqlite_raw.py BUNDLE.json.gz [--batch 1000] [--runs 3]

Prints one JSON document: per variant the wall and CPU seconds of each run and objects per
second and per CPU-second (medians).
"""
import argparse
import gzip
import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time


def run(objects, batch, fts):
    with tempfile.TemporaryDirectory() as d:
        db = sqlite3.connect(os.path.join(d, "ref.db"), isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE objects (pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, modified TEXT, body TEXT NOT NULL)")
        if fts:
            db.execute("CREATE VIRTUAL TABLE fts USING fts5 (name, description, content='')")
        t = time.perf_counter()
        c = time.process_time()
        for i in range(0, len(objects), batch):
            chunk = objects[i:i + batch]
            db.execute("BEGIN IMMEDIATE")
            rows = [(o["id"], o.get("modified", ""), json.dumps(o, sort_keys=True, separators=(",", ":"))) for o in chunk]
            db.executemany("INSERT INTO objects (id, modified, body) VALUES (?, ?, ?)", rows)
            if fts:
                db.executemany(
                    "INSERT INTO fts (rowid, name, description) SELECT pk, ?, ? FROM objects WHERE id = ?",
                    [(o.get("name", ""), o.get("description", ""), o["id"]) for o in chunk],
                )
            db.execute("COMMIT")
        seconds = time.perf_counter() - t
        cpu = time.process_time() - c
        db.close()
        return seconds, cpu


def main():
    p = argparse.ArgumentParser()
    p.add_argument("bundle")
    p.add_argument("--batch", type=int, default=1000)
    p.add_argument("--runs", type=int, default=3)
    a = p.parse_args()
    t = time.perf_counter()
    with gzip.open(a.bundle, "rt", encoding="utf-8") if a.bundle.endswith(".gz") else open(a.bundle, encoding="utf-8") as f:
        objects = json.load(f)["objects"]
    parse_s = time.perf_counter() - t
    out = {
        "env": {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version, "cpu_count": os.cpu_count()},
        "objects": len(objects),
        "batch": a.batch,
        "parse_s": parse_s,
        "variants": {},
    }
    for name, fts in (("raw", False), ("raw+fts", True)):
        timings = [run(objects, a.batch, fts) for _ in range(a.runs)]
        secs = [w for w, _ in timings]
        cpus = [c for _, c in timings]
        out["variants"][name] = {
            "seconds": secs,
            "cpu_seconds": cpus,
            "objects_per_s": len(objects) / statistics.median(secs),
            "objects_per_cpu_s": len(objects) / statistics.median(cpus),
        }
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
