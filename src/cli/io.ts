/** What every command shares: where it reads and writes, and its exit codes. */

/** Where the command line reads and writes: the process's streams, or a test's. */
export interface CliIo {
  stdin: AsyncIterable<string | Uint8Array>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether standard error is a terminal: large files then get a progress line there. */
  isTTY?: boolean;
}

/** Exit codes of the command line. */
export const EXIT = { ok: 0, usage: 1, invalidRows: 2 } as const;
