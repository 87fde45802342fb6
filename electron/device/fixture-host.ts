import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { commandAllowed, type CommandResult, type Host } from './host';
import { rootedFs } from './host-real';
import type { DeviceOs } from './types';

// Fixture hosts for tests: a tmp dir stands in for "/", commands answer from a table (anything not in it is "not
// installed"), and the same allowlist as the real runner applies, so a check that reached for sudo would fail here.

export type CannedCommand = Partial<CommandResult> | ((args: readonly string[]) => Partial<CommandResult>);

export interface FixtureOptions {
  os?: DeviceOs;
  home?: string;
  env?: Record<string, string | undefined>;
  uid?: number | null;
  /** Keyed by the command line: "systemctl is-active ufw". */
  commands?: Record<string, CannedCommand>;
}

export interface Fixture {
  root: string;
  host: Host;
  /** Host path → real path under the fixture root. */
  real(path: string): string;
  /** Writes a file (creating parents) at a host path, with an optional mode. */
  write(path: string, content: string | Uint8Array, mode?: number): string;
  mkdir(path: string, mode?: number): string;
  /** A symlink at a host path with the target written as given (relative targets stay inside the root). */
  link(path: string, target: string): string;
  /** Every command line the checks ran, in order. */
  ran: string[];
  cleanup(): void;
}

export function makeFixture(opts: FixtureOptions = {}): Fixture {
  const root = mkdtempSync(join(tmpdir(), 'bastion-device-'));
  const home = opts.home ?? '/home/alice';
  mkdirSync(join(root, home), { recursive: true, mode: 0o700 });
  const ran: string[] = [];
  const commands = opts.commands ?? {};
  const host: Host = {
    os: opts.os ?? 'linux',
    home,
    env: { HOME: home, ...opts.env },
    uid: opts.uid === undefined ? (process.getuid?.() ?? 1000) : opts.uid,
    fs: rootedFs(root),
    async run(command, args) {
      const line = [command, ...args].join(' ');
      ran.push(line);
      if (!commandAllowed(command, args)) return { code: null, stdout: '', stderr: '', error: 'refused' };
      const canned = commands[line];
      if (!canned) return { code: null, stdout: '', stderr: '', error: 'not_found' };
      const r = typeof canned === 'function' ? canned(args) : canned;
      return { code: r.error ? null : (r.code ?? 0), stdout: r.stdout ?? '', stderr: r.stderr ?? '', ...(r.error ? { error: r.error } : {}) };
    },
  };
  const real = (p: string): string => join(root, p);
  return {
    root,
    host,
    real,
    ran,
    write(p, content, mode) {
      mkdirSync(dirname(real(p)), { recursive: true });
      writeFileSync(real(p), content);
      if (mode !== undefined) chmodSync(real(p), mode);
      return real(p);
    },
    mkdir(p, mode) {
      mkdirSync(real(p), { recursive: true });
      if (mode !== undefined) chmodSync(real(p), mode);
      return real(p);
    },
    link(p, target) {
      mkdirSync(dirname(real(p)), { recursive: true });
      symlinkSync(target, real(p));
      return real(p);
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
