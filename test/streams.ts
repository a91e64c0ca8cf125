/** Streams for the reader tests. */

/** A stream of the bytes of a text, cut at the given points. */
// eslint-disable-next-line @typescript-eslint/require-await -- an async source that never has to wait, like a stream whose data is buffered
export async function* chunked(text: string, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  let start = 0;
  for (const cut of [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b)) {
    if (cut > start) yield bytes.subarray(start, cut);
    start = Math.max(start, cut);
  }
  if (start < bytes.length) yield bytes.subarray(start);
}
