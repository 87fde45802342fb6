// The terminal side of a command: stdout for results (one JSON document with --json), stderr for progress and
// errors, so `bastion … --json | jq` always gets clean JSON.

export interface ProgramIo {
  /** Set when a command fails: the process exits with it. */
  setExitCode(code: number): void;
  writeErr(line: string): void;
  /** Results on stdout (default: process.stdout). */
  writeOut?(text: string): void;
}

export interface CliIo {
  readonly json: boolean;
  /** Write a result: JSON (one document) when --json, else the human text. */
  print(value: unknown, human: () => string): void;
  /** Raw text on stdout (streamed answers). */
  write(text: string): void;
  /** Progress for long work, on stderr. Silent when not a TTY and --json. */
  progress(message: string): void;
  clearProgress(): void;
}

export function createIo(io: ProgramIo, json: boolean): CliIo {
  const out = (t: string) => (io.writeOut ? io.writeOut(t) : void process.stdout.write(t));
  const tty = Boolean(process.stderr.isTTY);
  let shown = false;
  return {
    json,
    print: (value, human) => out(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`),
    write: (text) => out(text),
    progress(message) {
      if (tty) {
        // One terminal row: a wrapped line would leave its first rows behind at the next \r.
        const width = process.stderr.columns;
        process.stderr.write(`\r\x1b[K${width ? message.slice(0, width - 1) : message}`);
        shown = true;
      } else if (!json) io.writeErr(message);
    },
    clearProgress() {
      if (tty && shown) process.stderr.write('\r\x1b[K');
    },
  };
}

/** Vault text (titles, paths) is untrusted: no control characters or escape sequences reach the terminal. */
export function oneLine(s: string, max = 120): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, max);
}

/**
 * One word for a POSIX shell, whatever it holds (quotes, `$(…)`, spaces): single-quoted, with each ' written as '\''.
 * For commands Bastion suggests a person paste, such as one naming a file path.
 */
export function shellWord(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
