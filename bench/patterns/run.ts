/**
 * STIX pattern benchmark: evaluations per second of indicator patterns on flow observations,
 * stream-matcher throughput, parse/compile rates, and the catastrophic-backtracking MATCHES bar
 * — ours beside V8's RegExp, Python's `re` and (when installed) the OASIS stix2-matcher, in
 * one run.
 *
 *   npm run bench:patterns -- [--flows 100000] [--runs 5] [--python /usr/bin/python3]
 *                             [--no-reference]
 *
 * Prints Markdown tables and writes bench/results/patterns.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Observation } from '../../src/core/observation.js';
import {
  type HostileResult,
  measureCompile,
  measureHostileOurs,
  measureHostileV8,
  measureSingle,
  measureStream,
} from './measure.js';
import { SINGLE_PATTERNS, STREAM_PATTERNS, makeFlows } from './workloads.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const flowCount = Number(arg('--flows', '100000'));
const runs = Number(arg('--runs', '5'));
const python = arg('--python', '/usr/bin/python3');
const withReference = !process.argv.includes('--no-reference');

const fmt = (x: number, digits = 0): string =>
  x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (x: number): string => (x < 1 ? x.toFixed(3) : x < 100 ? x.toFixed(1) : fmt(x));

console.log(`# STIX pattern benchmark — ${new Date().toISOString()}`);
console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; ` +
    `${fmt(flowCount)} generated flows (seed 1), median of ${runs} runs after a warm-up, one thread`,
);

const flows = makeFlows(flowCount, 1);
const single = SINGLE_PATTERNS.map((p) => measureSingle(p.name, p.pattern, flows, runs));
const stream = STREAM_PATTERNS.map((p) => measureStream(p.name, p.pattern, flows, runs));
const compile = measureCompile(20_000, runs);
const hostileOurs = measureHostileOurs([22, 30, 1_000, 100_000, 1_000_000], runs);
const hostileV8 = measureHostileV8([16, 18, 20, 22, 24]);

/** A STIX 2.0-style observed-data object for the Python matcher. */
function toObservedData(o: Observation): Record<string, unknown> {
  const objects: Record<string, unknown> = {};
  for (const x of o.objects) {
    const { id, ...rest } = x;
    objects[id!] = rest;
  }
  return {
    type: 'observed-data',
    id: `observed-data--${o.id}`,
    first_observed: new Date(o.time).toISOString(),
    last_observed: new Date(o.lastTime).toISOString(),
    number_observed: o.count,
    objects,
  };
}

interface Reference {
  python?: string;
  matcher?: {
    available: boolean;
    reason?: string;
    version?: string;
    results?: { name: string; hits: number; perSecond: number }[];
  };
  re?: HostileResult[];
  error?: string;
}
let reference: Reference = {};
if (withReference) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-patterns-'));
  // The Python matcher walks parse trees per observation: 20,000 flows keep its run short.
  const sample = flows.slice(0, Math.min(20_000, flows.length)).map(toObservedData);
  writeFileSync(join(dir, 'obs.json'), JSON.stringify(sample));
  writeFileSync(join(dir, 'patterns.json'), JSON.stringify(SINGLE_PATTERNS));
  const script = join(root, 'bench', 'reference', 'patterns_matcher.py');
  const r = spawnSync(
    python,
    [
      script,
      '--observations',
      join(dir, 'obs.json'),
      '--patterns',
      join(dir, 'patterns.json'),
      '--runs',
      String(runs),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  reference =
    r.status === 0
      ? (JSON.parse(r.stdout.trim().split('\n').pop()!) as Reference)
      : { error: `${python} ${script} failed: ${r.stderr || r.error?.message}` };
}

const refRate = (name: string): string => {
  const m = reference.matcher;
  if (!m?.available) return 'n/a';
  const x = m.results?.find((r) => r.name === name);
  return x ? fmt(x.perSecond) : 'n/a';
};
const refNote = reference.error
  ? `reference failed: ${reference.error}`
  : reference.matcher?.available
    ? `stix2-matcher ${reference.matcher.version} (Python ${reference.python}) on the first 20,000 flows`
    : `stix2-matcher: ${reference.matcher?.reason ?? 'not run (--no-reference)'}; ours only`;

console.log('\n## One observation at a time (indicator matching)\n');
console.log(refNote + '\n');
console.log(
  '| pattern | hits | evaluations/s ours (1 thread) | evaluations/s stix2-matcher | ratio |',
);
console.log('|---|---:|---:|---:|---:|');
for (const s of single) {
  const ref = reference.matcher?.results?.find((r) => r.name === s.name);
  const ratio = ref ? `${(s.perSecond / ref.perSecond).toFixed(0)}×` : 'n/a';
  console.log(
    `| ${s.name} | ${fmt(s.hits)} | ${fmt(s.perSecond)} | ${refRate(s.name)} | ${ratio} |`,
  );
}

console.log('\n## Stream matcher (patterns over several observations)\n');
console.log('| pattern | matches | observations/s (1 thread) | partial matches held at the end |');
console.log('|---|---:|---:|---:|');
for (const s of stream) {
  console.log(
    `| ${s.name} | ${fmt(s.hits)} | ${fmt(s.perSecond)} | ${fmt(s.partialMatchesAtEnd)} |`,
  );
}

console.log(`\n## Parsing and compiling (${fmt(compile.patterns)} two-value indicator patterns)\n`);
console.log('| step | patterns/s |');
console.log('|---|---:|');
console.log(`| parse | ${fmt(compile.parsePerSecond)} |`);
console.log(`| parse + validate + compile | ${fmt(compile.compilePerSecond)} |`);
console.log(`| parse + extract simple indicators | ${fmt(compile.extractPerSecond)} |`);

console.log(
  "\n## Catastrophic backtracking: MATCHES '(a+)+$' on n × 'a' then '!' (bar: < 100 ms)\n",
);
const ns = [
  ...new Set([...hostileV8, ...hostileOurs, ...(reference.re ?? [])].map((h) => h.n)),
].sort((a, b) => a - b);
const cell = (xs: readonly HostileResult[] | undefined, n: number): string => {
  const h = xs?.find((x) => x.n === n);
  return h ? `${ms(h.ms)}${h.matched ? ' (matched!)' : ''}` : '—';
};
console.log(
  "| n | ms ours (whole pattern evaluation) | ms V8 RegExp | ms Python re (stix2-matcher's engine) |",
);
console.log('|---:|---:|---:|---:|');
for (const n of ns) {
  console.log(
    `| ${fmt(n)} | ${cell(hostileOurs, n)} | ${cell(hostileV8, n)} | ${cell(reference.re, n)} |`,
  );
}

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const out = join(root, 'bench', 'results', 'patterns.json');
writeFileSync(
  out,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpu: cpus()[0]?.model,
      flows: flowCount,
      runs,
      ours: { single, stream, compile, hostile: hostileOurs, hostileV8 },
      reference,
    },
    null,
    2,
  ),
);
console.log(`\nraw numbers: ${out}`);
