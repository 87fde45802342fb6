import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { lstat, open, readdir, readlink } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { BastionError } from '../core';
import { commandAllowed, osOf, type CommandResult, type FileInfo, type Host, type HostFs, type RunOptions } from './host';

// The real host port for this machine, and the rooted file system that fixture hosts share (a tmp dir standing in
// for "/", so /proc, /sys, /etc and the home directory can all be faked).

const DEFAULT_TIMEOUT_MS = 5_000;
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
// O_NOFOLLOW keeps a symlink swapped in after lstat from being read; O_NONBLOCK keeps a FIFO from hanging the read.
const SAFE_READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** A read-only file system whose absolute host paths are resolved under `root` ('' means the real root). */
export function rootedFs(root: string): HostFs {
  const at = (p: string): string => (root === '' ? p : join(root, p));
  return {
    async lstat(p) {
      try {
        return infoOf(await lstat(at(p)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
        throw e;
      }
    },
    readdir: (p) => readdir(at(p)),
    readlink: (p) => readlink(at(p)),
    async readHead(p, maxBytes) {
      const before = await lstat(at(p));
      if (!before.isFile()) throw new BastionError('UNSUPPORTED', `${p} is not a regular file.`);
      const fh = await open(at(p), SAFE_READ_FLAGS);
      try {
        const st = await fh.stat();
        if (!st.isFile() || st.ino !== before.ino) throw new BastionError('CONFLICT', `${p} changed while it was being read.`);
        // procfs and sysfs report size 0 (or a page): read up to the cap until EOF instead of trusting the size.
        const buf = new Uint8Array(st.size > 0 && st.size < maxBytes ? st.size : maxBytes);
        let filled = 0;
        while (filled < buf.length) {
          const { bytesRead } = await fh.read(buf, filled, buf.length - filled, filled);
          if (bytesRead === 0) break;
          filled += bytesRead;
        }
        return buf.subarray(0, filled);
      } finally {
        await fh.close();
      }
    },
  };
}

function infoOf(st: import('node:fs').Stats): FileInfo {
  const kind = st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
  return { kind, size: st.size, mode: st.mode & 0o7777, uid: st.uid, nlink: st.nlink, mtimeMs: st.mtimeMs };
}

/** Runs an allowlisted command without a shell, C locale (stable output to parse), a timeout and an output cap. */
export function runCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv, opts: RunOptions = {}): Promise<CommandResult> {
  if (!commandAllowed(command, args)) return Promise.resolve({ code: null, stdout: '', stderr: '', error: 'refused' });
  return new Promise((resolve) => {
    execFile(
      command,
      [...args],
      {
        shell: false,
        windowsHide: true,
        timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxBuffer: MAX_OUTPUT_BYTES,
        encoding: 'utf8',
        env: { ...env, LC_ALL: 'C', LANG: 'C' },
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ code: 0, stdout, stderr });
        const e = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: unknown };
        if (e.code === 'ENOENT') return resolve({ code: null, stdout: '', stderr: '', error: 'not_found' });
        if (e.killed || e.signal === 'SIGTERM') return resolve({ code: null, stdout, stderr, error: 'timeout' });
        if (typeof e.code === 'number') return resolve({ code: e.code, stdout, stderr });
        resolve({ code: null, stdout, stderr, error: 'failed' });
      },
    );
  });
}

/** The port for the machine Bastion runs on. */
export function realHost(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Host {
  const os = osOf(platform);
  if (!os) throw new BastionError('UNSUPPORTED', `Device checks do not support this operating system (${platform}).`);
  return {
    os,
    home: homedir(),
    env,
    uid: os === 'windows' ? null : userInfo().uid,
    fs: rootedFs(''),
    run: (command, args, opts) => runCommand(command, args, env, opts),
  };
}
