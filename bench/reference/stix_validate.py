"""Reference side of bench/stix-validate.ts: the same official STIX 2.1 JSON schemas (the copy
in data/stix2-schemas) applied with Python's `jsonschema` (Draft 2020-12), the library the OASIS
stix2-validator builds on, to the same objects, chosen the same way per object (its type's
schema; core.json or cyber-observable-core.json for custom types). Schemas only: no format
checks and none of the extra rules ours applies.

    python3 bench/reference/stix_validate.py SCHEMAS.json.gz OBJECTS.json RUNS

Prints one JSON line: versions, object count, invalid count, wall seconds of each run and the
median wall and CPU seconds.
"""
import gzip
import json
import platform
import statistics
import sys
import time

import jsonschema
from importlib.metadata import version
from referencing import Registry, Resource

TYPE_FOLDERS = ("sdos/", "sros/", "observables/")
META_FILES = ("common/marking-definition.json", "common/language-content.json", "common/extension-definition.json")


def main() -> None:
    schemas_path, objects_path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with gzip.open(schemas_path, "rt", encoding="utf-8") as f:
        files = json.load(f)["files"]
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in files.values()
    )
    by_type, core, observable_core = {}, None, None
    for path, schema in files.items():
        name = path.rsplit("/", 1)[1][: -len(".json")]
        if path.startswith(TYPE_FOLDERS) or path in META_FILES:
            by_type[name] = schema
        elif path == "common/core.json":
            core = schema
        elif path == "common/cyber-observable-core.json":
            observable_core = schema
    validators = {}

    def validator_for(obj):
        key = obj["type"] if obj["type"] in by_type else ("core" if "created" in obj else "sco-core")
        v = validators.get(key)
        if v is None:
            schema = by_type.get(key) or (core if key == "core" else observable_core)
            v = jsonschema.Draft202012Validator(schema, registry=registry)
            validators[key] = v
        return v

    with open(objects_path, encoding="utf-8") as f:
        objects = json.load(f)["objects"]
    seconds, cpu, invalid = [], [], 0
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        invalid = sum(1 for o in objects if not validator_for(o).is_valid(o))
        seconds.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    print(json.dumps({
        "python": platform.python_version(),
        "jsonschema": version("jsonschema"),
        "objects": len(objects),
        "invalid": invalid,
        "seconds": seconds,
        "median": statistics.median(seconds),
        "cpuMedian": statistics.median(cpu),
    }))


if __name__ == "__main__":
    main()
