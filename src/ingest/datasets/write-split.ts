/**
 * `threatmesh split`: the lines of a loaded file dealt to a train and a test file, byte for byte
 * (same format, encoding and line ends as the input), so the outputs load with the same loader.
 */
import { unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { badInput, usageError } from '../../core/errors.js';
import { openByteSource } from '../delimited/byte-source.js';
import type { AtomicOutput } from './atomic-output.js';
import { openAtomicOutput } from './atomic-output.js';
import type { LoadResult } from './types.js';

const NL = 0x0a;
const NEWLINE = Buffer.from('\n');

/**
 * Copy the header lines of `file` to both outputs and the line of each row `r` of `result`
 * to `outTest` when `toTest[r]` is non-zero, else to `outTrain`. Outputs whose names end in
 * `.gz` are gzip-compressed; each appears only when complete.
 *
 * @throws ThreatMeshError USAGE when `result` has no line numbers or `toTest` has the wrong
 *   length; BAD_INPUT when the file no longer matches `result`.
 * @example
 * const r = await getLoader('unsw-nb15').load(f, { task: 'category', keepLineNumbers: true });
 * await writeSplit(f, r, toTest, 'train.csv', 'test.csv.gz'); // { train: 57632, test: 24700 }
 */
export async function writeSplit(
  file: string,
  result: LoadResult,
  toTest: Uint8Array,
  outTrain: string,
  outTest: string,
): Promise<{ train: number; test: number }> {
  const lines = result.lineOfRow;
  if (!lines) {
    throw usageError('writeSplit needs the line of each row', {
      hint: 'load the file with keepLineNumbers: true',
    });
  }
  if (toTest.length !== result.rows) {
    throw usageError(`toTest has ${toTest.length} entries for ${result.rows} rows`);
  }
  if (resolve(outTrain) === resolve(outTest)) {
    throw usageError(`train and test would both be written to ${outTrain}`, {
      hint: 'give two different output files',
    });
  }
  const source = await openByteSource(file);
  const train = openAtomicOutput(outTrain);
  const test = openAtomicOutput(outTest);
  let counts: { train: number; test: number };
  try {
    counts = await deal(file, source.chunks, result.headerLines, lines, toTest, train, test);
    await Promise.all([train.close(), test.close()]);
  } catch (e) {
    await Promise.all([train.abort(), test.abort()]);
    throw e;
  }
  await train.commit();
  try {
    await test.commit();
  } catch (e) {
    // No half result: without the test file the train file is withdrawn too.
    await Promise.all([unlink(outTrain).catch(() => undefined), test.abort()]);
    throw e;
  }
  return counts;
}

async function deal(
  file: string,
  chunks: AsyncIterable<Buffer>,
  headerLines: number,
  lines: Uint32Array,
  toTest: Uint8Array,
  train: AtomicOutput,
  test: AtomicOutput,
): Promise<{ train: number; test: number }> {
  const rows = lines.length;
  let line = 1;
  let r = 0;
  let toTrainCount = 0;
  let carry: Buffer | undefined;
  const trainParts: Buffer[] = [];
  const testParts: Buffer[] = [];
  const route = (bytes: Buffer) => {
    if (line <= headerLines) {
      trainParts.push(bytes);
      testParts.push(bytes);
    } else if (r < rows && lines[r] === line) {
      if (toTest[r]) testParts.push(bytes);
      else {
        trainParts.push(bytes);
        toTrainCount++;
      }
      r++;
    }
    line++;
  };
  const flush = async () => {
    await Promise.all([
      train.write(Buffer.concat(trainParts)),
      test.write(Buffer.concat(testParts)),
    ]);
    trainParts.length = 0;
    testParts.length = 0;
  };
  for await (const chunk of chunks) {
    const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let end = buf.indexOf(NL); end !== -1; end = buf.indexOf(NL, start)) {
      route(buf.subarray(start, end + 1));
      start = end + 1;
    }
    carry = start < buf.length ? buf.subarray(start) : undefined;
    await flush();
    // Everything kept has been dealt; the rest of the file holds nothing to copy.
    if (r === rows && line > headerLines) break;
  }
  if (carry && r < rows) route(Buffer.concat([carry, NEWLINE]));
  await flush();
  if (r !== rows) {
    throw badInput(`${file} changed since it was loaded: line ${lines[r]} is missing`, {
      location: { file },
      hint: 'load the file again and split that result',
    });
  }
  return { train: toTrainCount, test: rows - toTrainCount };
}
