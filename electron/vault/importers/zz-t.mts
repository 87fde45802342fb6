import { spawnSync } from 'node:child_process';
import kdbxweb from 'kdbxweb';
import { readVaultFile } from './index';
import * as fx from './fast-xml';
const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ours: number[] = [], xmldom: number[] = [], kp: number[] = [], bw: number[] = [], pux: number[] = [];
await readVaultFile('/tmp/vi/big.kdbx', { password: 'pw' });
for (let i = 0; i < 5; i++) {
  let t = performance.now(); await readVaultFile('/tmp/vi/big.kdbx', { password: 'pw' }); ours.push(performance.now() - t);
  t = performance.now(); await kdbxweb.Kdbx.load(new Uint8Array(require_('/tmp/vi/big.kdbx')).buffer as ArrayBuffer, new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString('pw'))); xmldom.push(performance.now() - t);
  t = performance.now(); spawnSync('/usr/bin/keepassxc-cli', ['analyze', '--hibp', '/tmp/vi/hibp.txt', '/tmp/vi/big.kdbx'], { input: 'pw\n' }); kp.push(performance.now() - t);
  t = performance.now(); await readVaultFile('/tmp/vi/big.bitwarden-json'); bw.push(performance.now() - t);
  t = performance.now(); await readVaultFile('/tmp/vi/big.1pux'); pux.push(performance.now() - t);
}
import { readFileSync } from 'node:fs';
function require_(p: string) { return readFileSync(p); }
console.log({ ours: med(ours), kdbxweb_xmldom_load_only: med(xmldom), keepassxc_analyze: med(kp), bitwarden: med(bw), onepux: med(pux) });
