import { resolve } from 'node:path';
import { exportAudit, listAudit, verifyAudit } from '../../audit';
import { BastionError } from '../../core';
import { effectiveSettings, loadManagedPolicy, rotateIfNeeded } from '../../managed';
import type { RegisterCommands } from './types';

// `bastion audit [--json] | audit verify | audit export FILE`.

export const registerAudit: RegisterCommands = (program, run) => {
  const audit = program
    .command('audit')
    .description('show the tamper-evident audit log (newest last)')
    .option('--limit <n>', 'only the last N records', (v) => Number.parseInt(v, 10))
    .action(
      run(async (ctx, opts: { limit?: number }) => {
        const records = listAudit(ctx.store(), { limit: opts.limit });
        ctx.print(records, () =>
          records.length === 0
            ? 'The audit log is empty.'
            : records
                .map((r) => {
                  const b = r.body;
                  const extra = [b.outcome, b.reason].filter((x) => typeof x === 'string' && x).join(' — ');
                  return `#${r.seq} ${r.time} ${r.actor.padEnd(6)} ${r.event.padEnd(20)} ${r.action ?? ''} ${r.proposalId ?? ''}${extra ? `  ${extra}` : ''}`;
                })
                .join('\n'),
        );
      }),
    );

  audit
    .command('verify')
    .description('check the hash chain and keyed checkpoints; exit 0 when intact, non-zero naming the first bad record')
    .action(
      run(async (ctx) => {
        const result = verifyAudit(ctx.store(), ctx.keys());
        ctx.print(result, () => (result.ok ? `Audit log intact: ${result.records} records, ${result.checkpoints} checkpoints.` : `Audit log TAMPERED: first bad record #${result.firstBadSeq}: ${result.reason}`));
        if (!result.ok) throw new BastionError('CONFLICT', `audit verification failed at record #${result.firstBadSeq}.`);
      }),
    );

  audit
    .command('export [file]')
    .description("write the log as JSONL (one JSON object per line, SIEM-friendly); FILE defaults to the managed policy's audit.exportPath")
    .action(
      run(async (ctx, file: string | undefined) => {
        const store = ctx.store();
        const audit = effectiveSettings(store, loadManagedPolicy().policy).audit;
        const target = file ?? audit.exportPath;
        if (!target) throw new BastionError('BAD_INPUT', 'Name the file to write (`bastion audit export FILE`); no default export path is set by policy.');
        const path = resolve(target);
        const rotation = audit.rotation;
        const rotated = rotation ? rotateIfNeeded(path, rotation) : [];
        const out = exportAudit(store, path);
        ctx.print({ ...out, rotated }, () => `Wrote ${out.records} records to ${out.path}.`);
      }),
    );
};
