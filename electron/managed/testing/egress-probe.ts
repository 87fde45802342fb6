import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { appRoot } from '../../db';

// The detectors of the zero-egress proof: the JS interceptor's trace file and, where strace exists, the kernel's
// view of every socket()/connect()/sendto()/sendmsg() a process tree made.

export interface Attempt {
  pid: number;
  api: string;
  target: string;
}

export async function buildInterceptor(outDir: string): Promise<string> {
  const outfile = join(outDir, 'intercept.cjs');
  await build({
    entryPoints: [join(appRoot(), 'electron/managed/testing/intercept.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
  });
  return outfile;
}

export function readAttempts(traceFile: string): Attempt[] {
  if (!existsSync(traceFile)) return [];
  return readFileSync(traceFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Attempt);
}

export function hasStrace(): boolean {
  return spawnSync('strace', ['-f', '-qq', '--seccomp-bpf', '-e', 'trace=connect', '-o', '/dev/null', 'true']).status === 0;
}

export function hasNetns(): boolean {
  return process.platform === 'linux' && spawnSync('unshare', ['-rn', 'true']).status === 0;
}

/** strace prefix that writes one trace file per run (with -f: the whole process tree, threads included). */
export function straceWrap(outFile: string): string[] {
  // --seccomp-bpf: only the traced syscalls stop the process, so multi-threaded llama.cpp is not slowed to a crawl.
  return ['strace', '-f', '-qq', '--seccomp-bpf', '-e', 'trace=socket,connect,sendto,sendmsg,sendmmsg', '-o', outFile];
}

export interface KernelNetwork {
  /** AF_INET/AF_INET6 sockets created, and connects/sends with an IP address: each is an outbound attempt. */
  inet: string[];
  /** Unix-socket connects (e.g. glibc's nscd for a DNS lookup): reported, not counted as egress. */
  unix: string[];
}

export function readStrace(files: string[]): KernelNetwork {
  const out: KernelNetwork = { inet: [], unix: [] };
  for (const f of files) {
    if (!existsSync(f)) continue;
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (/\bsocket\(AF_INET6?,/.test(line) || /\b(connect|sendto|sendmsg|sendmmsg)\(.*sa_family=AF_INET6?\b/.test(line)) out.inet.push(line.trim());
      else if (/\bconnect\(.*sa_family=AF_UNIX/.test(line)) out.unix.push(line.trim());
    }
  }
  return out;
}

export function straceFiles(dir: string, prefix: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix))
    .map((f) => join(dir, f));
}
