import { createInterface } from 'node:readline/promises';
import { BastionError } from '../core';

// Questions asked on the terminal: prompts go to stderr so stdout stays machine-readable.

/** One line from stdin (a TTY or a pipe); '' at end of input. */
export async function askLine(question: string): Promise<string> {
  if (!process.stdin.isTTY) return readPipedLine(question);
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

function readPipedLine(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  const stdin = process.stdin;
  return new Promise((resolve) => {
    let buf = '';
    const done = (s: string) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.pause();
      resolve(s.trim());
    };
    const onData = (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl >= 0) done(buf.slice(0, nl));
    };
    const onEnd = () => done(buf);
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });
}

/** A secret typed on a TTY without echo (Ctrl-C cancels). */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  return new Promise((resolvePw, reject) => {
    let buf = '';
    const cleanup = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const c of chunk) {
        if (c === '\r' || c === '\n' || c === '\u0004') {
          cleanup();
          resolvePw(buf);
          return;
        }
        if (c === '\u0003') {
          cleanup();
          reject(new BastionError('CANCELLED', 'Cancelled; nothing was changed.'));
          return;
        }
        if (c === '\u007f' || c === '\b') buf = buf.slice(0, -1);
        else buf += c;
      }
    };
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** A secret from the environment variable the user named (never from argv, which other users can read). */
export function envSecret(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const v = process.env[name];
  if (v === undefined) throw new BastionError('BAD_INPUT', `The environment variable ${name} is not set.`);
  return v;
}
