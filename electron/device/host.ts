import type { DeviceOs } from './types';

// The host port: everything a check reads about the machine goes through it, so unit tests run on fixture homes
// (a tmp dir as the file-system root, canned command outputs) and the real port is a thin layer over node:fs and
// execFile. Read-only by construction: no write, no network, and commands only from an allowlist, without a shell.

export interface FileInfo {
  kind: 'file' | 'dir' | 'symlink' | 'other';
  size: number;
  /** Permission bits (mode & 0o7777). Meaningless on Windows. */
  mode: number;
  uid: number;
  nlink: number;
  mtimeMs: number;
}

export interface HostFs {
  /** lstat (never follows a symlink); null when nothing is there. Throws on other errors (EACCES…). */
  lstat(path: string): Promise<FileInfo | null>;
  /** Entry names of a directory. */
  readdir(path: string): Promise<string[]>;
  /** At most `maxBytes` from the start of a regular file (refuses symlinks and non-regular files). */
  readHead(path: string, maxBytes: number): Promise<Uint8Array>;
  /** The target of a symlink, as written. */
  readlink(path: string): Promise<string>;
}

export interface CommandResult {
  /** Exit status; null when the command did not run or was killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why it did not run to completion: 'not_found' (not installed), 'timeout', 'refused' (not allowlisted), 'failed'. */
  error?: 'not_found' | 'timeout' | 'refused' | 'failed';
}

export interface RunOptions {
  timeoutMs?: number;
}

export interface Host {
  os: DeviceOs;
  /** The user's home directory (a host path). */
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The user's numeric id (null on Windows). */
  uid: number | null;
  fs: HostFs;
  /** Runs an allowlisted command without a shell, with a timeout. Never throws: failures are in the result. */
  run(command: string, args: readonly string[], opts?: RunOptions): Promise<CommandResult>;
}

/** The only PowerShell a check may run (fixed text, no interpolation): BitLocker protection of the home drive. */
export const POWERSHELL_BITLOCKER =
  "(New-Object -ComObject Shell.Application).NameSpace((Split-Path -Qualifier $HOME) + '\\').Self.ExtendedProperty('System.Volume.BitLockerProtection')";

/**
 * Commands a check may run, each with the argument prefix it must start with: all read-only sub-commands (`defaults
 * read`, never `defaults write`). None needs privileges and none touches the network; `sudo`, `pkexec` and friends
 * are absent on purpose, so a bug in a check cannot escalate or change the machine.
 */
export const ALLOWED_COMMANDS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  systemctl: [['is-active'], ['is-enabled']],
  gsettings: [['get']],
  'apt-config': [['dump']],
  'apt-get': [['-s']],
  'dpkg-query': [['-W']],
  zfs: [['get']],
  fdesetup: [['status']],
  sysadminctl: [['-screenLock', 'status']],
  '/usr/libexec/ApplicationFirewall/socketfilterfw': [['--getglobalstate']],
  defaults: [['read'], ['-currentHost', 'read']],
  netsh: [['advfirewall', 'show']],
  reg: [['query']],
  powershell: [['-NoProfile', '-NonInteractive', '-Command', POWERSHELL_BITLOCKER]],
};

/** Whether a command line is on the allowlist. Shared by the real and the fixture runner. */
export function commandAllowed(command: string, args: readonly string[]): boolean {
  const prefixes = Object.hasOwn(ALLOWED_COMMANDS, command) ? ALLOWED_COMMANDS[command] : undefined;
  if (!prefixes) return false;
  if (command === 'powershell' && args.length !== 4) return false;
  return prefixes.some((p) => p.every((a, i) => args[i] === a));
}

export function osOf(platform: NodeJS.Platform): DeviceOs | null {
  switch (platform) {
    case 'linux':
      return 'linux';
    case 'darwin':
      return 'macos';
    case 'win32':
      return 'windows';
    default:
      return null;
  }
}

/** Group or other may read (or write) the file: the "readable by others" test used by several checks. */
export function readableByOthers(mode: number): boolean {
  return (mode & 0o044) !== 0;
}

export function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}
