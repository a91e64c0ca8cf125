/**
 * The cost of the check of repeated case ids (`npx tsx bench/ids.ts`, or `--expose-gc` for the
 * memory figures after a collection): the time per id and the memory per id of the id table of
 * the intake (src/evaluate/ids.ts), at 1,000,000 and 5,000,000 distinct ids of the benchmark's form
 * (`SIRI-0000001`, 12 bytes), added as strings (the in-memory route), as bytes of a file (the byte
 * reader's route), and once more (every id a repeat), beside a `Set<string>` of the same ids; in
 * three shapes: numbered in order (a file sorted by case number), numbered in a shuffled order, and
 * ids that are not numbered (the same with a letter at the end: `SIRI-0000001x`, 13 bytes, which
 * take the hash table).
 *
 * Options: `--ids N[,N…]`, `--repeat N` (default 3; medians are reported).
 */
import { parseArgs } from 'node:util';
import { IdTable } from '../src/evaluate/ids.js';

const { values } = parseArgs({ options: { ids: { type: 'string' }, repeat: { type: 'string' } } });
const sizes = (values.ids ?? '1000000,5000000').split(',').map(Number);
const repeat = Number(values.repeat ?? '3');
const collect = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);
const median = (list: number[]): number => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? Number.NaN;

/** A deterministic shuffle (xorshift32), so runs compare. */
function shuffled<T>(list: T[]): T[] {
  let state = 0x9e3779b9;
  for (let i = list.length - 1; i > 0; i--) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const j = (state >>> 0) % (i + 1);
    const swap = list[i] as T;
    list[i] = list[j] as T;
    list[j] = swap;
  }
  return list;
}

const SHAPES = ['numbered, in order', 'numbered, shuffled', 'not numbered'] as const;

for (const count of sizes) for (const shape of SHAPES) {
  const made = Array.from({ length: count }, (_, i) => `SIRI-${String(i).padStart(7, '0')}${shape === 'not numbered' ? 'x' : ''}`);
  const ids = shape === 'numbered, shuffled' ? shuffled(made) : made;
  const width = (ids[0] as string).length;
  const bytes = Buffer.from(ids.join('\n'));
  const times = { strings: [] as number[], bytes: [] as number[], repeats: [] as number[], set: [] as number[] };
  let perId = 0;
  let heapPerId = 0;
  for (let run = 0; run < repeat; run++) {
    collect();
    const before = process.memoryUsage();
    const table = new IdTable();
    table.expect(count);
    let start = performance.now();
    for (let i = 0; i < count; i++) table.string(ids[i] as string, i, true);
    times.strings.push(((performance.now() - start) * 1e6) / count);
    start = performance.now();
    for (let i = 0, at = 0; i < count; i++, at += width + 1) table.bytes(bytes, at, at + width, i, true);
    times.repeats.push(((performance.now() - start) * 1e6) / count);
    collect();
    const after = process.memoryUsage();
    perId = (after.arrayBuffers - before.arrayBuffers) / count;
    heapPerId = (after.heapUsed - before.heapUsed) / count;
    if (table.size !== count) throw new Error(`the table holds ${table.size} ids, not ${count}`);

    const fromBytes = new IdTable();
    fromBytes.expect(count);
    start = performance.now();
    for (let i = 0, at = 0; i < count; i++, at += width + 1) fromBytes.bytes(bytes, at, at + width, i, true);
    times.bytes.push(((performance.now() - start) * 1e6) / count);

    collect();
    const set = new Set<string>();
    start = performance.now();
    for (let i = 0; i < count; i++) set.add(ids[i] as string);
    times.set.push(((performance.now() - start) * 1e6) / count);
  }
  console.log(
    `${count.toLocaleString('en')} ids, ${shape}: new ids as strings ${median(times.strings).toFixed(0)} ns/id, as bytes ${median(times.bytes).toFixed(0)} ns/id, ` +
      `repeats as bytes ${median(times.repeats).toFixed(0)} ns/id; Set<string>.add ${median(times.set).toFixed(0)} ns/id; ` +
      `memory ${perId.toFixed(1)} bytes/id in typed arrays, ${heapPerId.toFixed(1)} bytes/id on the heap`,
  );
}
