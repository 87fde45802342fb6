import type { DeviceHealth } from '../../usecases';
import { oneLine } from '../io';
import type { RegisterCommands } from './types';

// `bastion device [--json]`: device health. A report, so it exits 0 even when checks fail; non-zero only on errors.

const MARK = { pass: 'ok  ', fail: 'FAIL', unknown: ' ?  ' } as const;

export const registerDevice: RegisterCommands = (program, run) => {
  program
    .command('device')
    .description('is this computer safe to keep passwords on? disk encryption, screen lock, firewall, updates, SSH keys, credential files, leftover exports')
    .option('--scan <dir...>', 'also look for leftover plaintext vault exports in these folders')
    .action(
      run(async ({ cli, uc, ctx }, flags: { scan?: string[] }) => {
        cli.progress('checking this device…');
        const r = await uc.device.deviceHealth(ctx, flags.scan ? { extraExportDirs: flags.scan } : {});
        cli.print(r, () => formatDevice(r));
      }),
    );
};

export function formatDevice(r: DeviceHealth): string {
  const lines = [`Device score: ${r.score === null ? 'not known' : `${r.score}/100`} (${r.checks.length} checks, ${r.unknown} could not be read)`];
  for (const c of r.checks) {
    lines.push('', `${MARK[c.status]} ${c.title}${c.required ? '  [required by your organisation]' : ''}`);
    lines.push(`     ${oneLine(c.reason, 400)}`);
    for (const e of c.evidence.slice(0, 5)) lines.push(`     · ${oneLine(e, 300)}`);
    if (c.status !== 'pass' && c.fix) lines.push(`     Fix: ${oneLine(c.fix, 400)}`);
  }
  if (r.unmet.length) lines.push('', `Required by your organisation and not passing: ${r.unmet.length}.`);
  return lines.join('\n');
}
