/**
 * The file and line of each record position, as runs: a run starts at a position with a file and
 * a line, and the positions after it are on the lines after it, up to the next run. A record on
 * another line than the one after the record before (after a blank line, a row over several lines,
 * or in another file) starts a run, so a file of plain rows takes one run however long it is.
 */
export class PlaceRuns {
  private starts: Float64Array = new Float64Array(16);
  private lines: Float64Array = new Float64Array(16);
  /** The file of each run, as an index of `files`; -1: the records of the run have no place. */
  private fileOf = new Int32Array(16);
  private count = 0;
  private readonly files: string[] = [];
  private lastFile = -1;
  /** The position after the last one noted. */
  private end = 0;
  /** The line of position `end` if it goes on the last run. */
  private nextLine = 0;

  /** Notes the place of the record at `position` (a position already noted keeps its place). */
  note(position: number, file: string, line: number): void {
    if (position < this.end && this.count > 0) return;
    if (this.count > 0 && position === this.end && line === this.nextLine && this.files[this.lastFile] === file) {
      this.end++;
      this.nextLine++;
      return;
    }
    // Positions skipped since the last noted have no place.
    if (this.count > 0 && position > this.end) this.push(this.end, 0, -1);
    let index = this.files.length > 0 && this.files[this.lastFile] === file ? this.lastFile : this.files.lastIndexOf(file);
    if (index < 0) {
      index = this.files.length;
      this.files.push(file);
    }
    this.lastFile = index;
    this.push(position, line, index);
    this.end = position + 1;
    this.nextLine = line + 1;
  }

  /** The file and line of the record at `position`, or `null` when it was not noted. */
  at(position: number): { file: string; line: number } | null {
    if (this.count === 0 || position >= this.end || position < (this.starts[0] as number)) return null;
    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((this.starts[middle] as number) <= position) low = middle;
      else high = middle - 1;
    }
    const file = this.fileOf[low] as number;
    if (file < 0) return null;
    return { file: this.files[file] as string, line: (this.lines[low] as number) + position - (this.starts[low] as number) };
  }

  private push(start: number, line: number, file: number): void {
    if (this.count === this.starts.length) {
      const size = this.count * 2;
      this.starts = grown(this.starts, size);
      this.lines = grown(this.lines, size);
      const files = new Int32Array(size);
      files.set(this.fileOf);
      this.fileOf = files;
    }
    this.starts[this.count] = start;
    this.lines[this.count] = line;
    this.fileOf[this.count] = file;
    this.count++;
  }
}

function grown(array: Float64Array, size: number): Float64Array {
  const next = new Float64Array(size);
  next.set(array);
  return next;
}
