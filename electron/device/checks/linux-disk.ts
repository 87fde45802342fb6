import type { Host } from '../host';
import { errCode, readText, resolveLink } from '../read';

// Linux: which mount holds a path (/proc/self/mountinfo), and whether the block device under it sits on dm-crypt
// (sysfs: a device-mapper node whose dm/uuid starts with CRYPT-, found by walking slaves/ down from the mount's
// device). Pure file reads, so a fixture root can stand in for /proc and /sys.

export interface Mount {
  majMin: string;
  mountPoint: string;
  fsType: string;
  source: string;
}

/** Parses mountinfo lines: `id parent maj:min root mountpoint opts [optional…] - fstype source superopts`. */
export function parseMountinfo(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(' ');
    const dash = f.indexOf('-');
    if (f.length < 7 || dash < 6 || dash + 2 >= f.length) continue;
    mounts.push({ majMin: f[2]!, mountPoint: unescape(f[4]!), fsType: f[dash + 1]!, source: unescape(f[dash + 2]!) });
  }
  return mounts;
}

/** mountinfo escapes space, tab, newline and backslash as \\ooo octal. */
function unescape(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/** The mount a path lives on: the longest mount point that contains it; the last one wins for stacked mounts. */
export function mountOf(mounts: readonly Mount[], path: string): Mount | null {
  let best: Mount | null = null;
  for (const m of mounts) {
    const mp = m.mountPoint;
    const inside = mp === '/' || path === mp || path.startsWith(mp.endsWith('/') ? mp : `${mp}/`);
    if (inside && (!best || mp.length >= best.mountPoint.length)) best = m;
  }
  return best;
}

export interface CryptChain {
  /** Device names from the mount's device down to the disks, as walked. */
  walked: string[];
  /** The dm-crypt node found, if any (its dm name, e.g. luks-1234…). */
  crypt: string | null;
  /** Why the walk could not finish (a sysfs read failed). */
  trouble: string | null;
}

const MAX_DEPTH = 8;

/** Walks from a sysfs block-device dir down through slaves/, looking for a dm-crypt node. */
export async function findCrypt(host: Host, sysDir: string): Promise<CryptChain> {
  const chain: CryptChain = { walked: [], crypt: null, trouble: null };
  await walk(host, sysDir, 0, chain);
  return chain;
}

async function walk(host: Host, dir: string, depth: number, chain: CryptChain): Promise<void> {
  if (depth > MAX_DEPTH || chain.crypt) return;
  const name = await deviceName(host, dir);
  chain.walked.push(name);
  const uuid = await readText(host, `${dir}/dm/uuid`, 4096);
  if (uuid.ok && uuid.text.trim().startsWith('CRYPT-')) {
    const dmName = await readText(host, `${dir}/dm/name`, 4096);
    chain.crypt = dmName.ok ? dmName.text.trim() : name;
    return;
  }
  let slaves: string[] = [];
  try {
    if (await host.fs.lstat(`${dir}/slaves`)) slaves = (await host.fs.readdir(`${dir}/slaves`)).sort();
  } catch (e) {
    chain.trouble = `${dir}/slaves cannot be read (${errCode(e)})`;
    return;
  }
  for (const s of slaves) await walk(host, `/sys/class/block/${s}`, depth + 1, chain);
}

/** The kernel name of a sysfs device dir (its uevent's DEVNAME, else the last path segment). */
async function deviceName(host: Host, dir: string): Promise<string> {
  const uevent = await readText(host, `${dir}/uevent`, 4096);
  const m = uevent.ok ? /^DEVNAME=(.+)$/m.exec(uevent.text) : null;
  return m?.[1]?.trim() ?? dir.split('/').pop() ?? dir;
}

/**
 * The sysfs dir for a mount's device: /sys/dev/block/MAJ:MIN for real block devices; for filesystems that report an
 * anonymous device (btrfs: major 0) the source path's /dev node, following a /dev/mapper symlink to its dm-N name.
 */
export async function sysDirOf(host: Host, m: Mount): Promise<string | null> {
  if (!m.majMin.startsWith('0:') && (await host.fs.lstat(`/sys/dev/block/${m.majMin}`).catch(() => null))) return `/sys/dev/block/${m.majMin}`;
  if (!m.source.startsWith('/dev/')) return null;
  let node = m.source;
  try {
    const info = await host.fs.lstat(node);
    if (info?.kind === 'symlink') node = resolveLink(node, await host.fs.readlink(node));
  } catch {
    return null;
  }
  const name = node.split('/').pop();
  return name ? `/sys/class/block/${name}` : null;
}
