/**
 * STIX validation speed: enterprise ATT&CK (24,771 objects, STIX 2.0 in ../shared) upgraded to
 * 2.1 and validated by ours (official schemas + our rules) and, in the same run, by Python's
 * jsonschema with the same schemas on the same objects (bench/reference/stix_validate.py).
 * The import bar of issue 6 is 24,771 objects in ≤ 5 s, so validation must run well above
 * 10,000 objects/s.
 *
 *   npm run bench:stix -- [--data-dir ../shared/data] [--runs 5] [--python python3] [--no-reference]
 *
 * Prints the environment and a Markdown table; writes bench/results/stix-validate.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { loadStixValidator } from '../src/intel/stix/validator.js';
import { upgradeBundle20to21 } from '../src/intel/stix/upgrade/upgrade-bundle.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const dataDir = resolve(arg('--data-dir', join(root, '..', 'shared', 'data')));
const runs = Math.max(1, Number(arg('--runs', '5')));
const python = arg('--python', 'python3');
const withReference = !process.argv.includes('--no-reference');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const attackFile = join(
  dataDir,
  'mitre-attack',
  'mitre-cti',
  'enterprise-attack-assembled-stix2.0.json.gz',
);
let doc: unknown;
try {
  doc = JSON.parse(gunzipSync(readFileSync(attackFile)).toString('utf8'));
} catch {
  console.error(`cannot read ${attackFile}; pass --data-dir`);
  process.exit(2);
}

console.log(`# STIX 2.1 validation benchmark — ${new Date().toISOString()}`);
console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

// Cold start: read and compile the schemas, then the first validation (compiles each used type).
let t0 = performance.now();
const stix = loadStixValidator(join(root, 'data'));
const loadSeconds = (performance.now() - t0) / 1000;

const upgradeSeconds: number[] = [];
let bundle = upgradeBundle20to21(doc);
for (let r = 0; r < runs; r++) {
  t0 = performance.now();
  bundle = upgradeBundle20to21(doc);
  upgradeSeconds.push((performance.now() - t0) / 1000);
}
const n = bundle.objects.length;

t0 = performance.now();
let report = stix.validateBundle(bundle);
const firstSeconds = (performance.now() - t0) / 1000;
const wall: number[] = [];
const cpu: number[] = [];
for (let r = 0; r < runs; r++) {
  const c0 = process.cpuUsage();
  t0 = performance.now();
  report = stix.validateBundle(bundle);
  wall.push((performance.now() - t0) / 1000);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1e6);
}
const ours = {
  objects: n,
  invalid: report.invalidObjects,
  loadSeconds,
  firstValidationSeconds: firstSeconds,
  upgradeSeconds: median(upgradeSeconds),
  seconds: wall,
  median: median(wall),
  cpuMedian: median(cpu),
};

interface Reference {
  python: string;
  jsonschema: string;
  objects: number;
  invalid: number;
  seconds: number[];
  median: number;
  cpuMedian: number;
}
let reference: Reference | null = null;
if (withReference) {
  const tmp = mkdtempSync(join(tmpdir(), 'stix-bench-'));
  try {
    const objectsFile = join(tmp, 'attack-2.1.json');
    writeFileSync(objectsFile, JSON.stringify(bundle));
    const script = join(root, 'bench', 'reference', 'stix_validate.py');
    const schemas = join(root, 'data', 'stix2-schemas', 'stix2-schemas.json.gz');
    console.log(`running the reference: ${python} ${script} …`);
    const r = spawnSync(python, [script, schemas, objectsFile, String(runs)], { encoding: 'utf8' });
    if (r.status === 0) reference = JSON.parse(r.stdout.trim().split('\n').pop()!) as Reference;
    else console.error(`reference failed (${python} needs jsonschema ≥ 4.18):\n${r.stderr}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const rate = (objects: number, s: number): string =>
  Math.round(objects / s).toLocaleString('en-US');
console.log(
  `\nenterprise ATT&CK, STIX 2.0 → 2.1: ${n.toLocaleString('en-US')} objects; median of ${runs} runs\n`,
);
console.log(
  '| side | what it checks | invalid | wall s | objects/s (wall) | CPU s | objects/s (CPU) |',
);
console.log('|---|---|---:|---:|---:|---:|---:|');
console.log(
  `| ours (ajv + rules, node ${process.version}) | official schemas + the rules they cannot express | ${ours.invalid} | ${ours.median.toFixed(3)} | ${rate(n, ours.median)} | ${ours.cpuMedian.toFixed(3)} | ${rate(n, ours.cpuMedian)} |`,
);
if (reference) {
  console.log(
    `| Python jsonschema ${reference.jsonschema} (Python ${reference.python}) | official schemas only | ${reference.invalid} | ${reference.median.toFixed(3)} | ${rate(reference.objects, reference.median)} | ${reference.cpuMedian.toFixed(3)} | ${rate(reference.objects, reference.cpuMedian)} |`,
  );
  console.log(
    `\nours / reference speed: ${(reference.median / ours.median).toFixed(1)}× (wall), ${(reference.cpuMedian / ours.cpuMedian).toFixed(1)}× (CPU)`,
  );
}
console.log(
  `\nours, once: load + compile registration ${ours.loadSeconds.toFixed(3)} s, first validation (compiles the used schemas) ${ours.firstValidationSeconds.toFixed(3)} s; upgrade 2.0 → 2.1 ${ours.upgradeSeconds.toFixed(3)} s (${rate(n, ours.upgradeSeconds)} objects/s)`,
);

const outDir = join(root, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'stix-validate.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadavg: loadavg(), ours, reference }, null, 2)}\n`,
);
