import { BastionError } from '../../core';
import type { RegisterCommands } from './types';

// `bastion audit [--limit N] | audit verify | audit export [FILE]`.

export const registerAudit: RegisterCommands = (program, run) => {
  const audit = program
    .command('audit')
    .description('show the tamper-evident audit log (newest last)')
    .option('--limit <n>', 'only the last N records', (v) => Number.parseInt(v, 10))
    .action(
      run(({ cli, uc, ctx }, opts: { limit?: number }) => {
        const records = uc.audit.listRecords(ctx, opts.limit !== undefined ? { limit: opts.limit } : {});
        cli.print(records, () =>
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
      run(({ cli, uc, ctx }) => {
        const r = uc.audit.verify(ctx);
        cli.print(r.ok ? { ok: true, records: r.records, checkpoints: r.checkpoints } : { ok: false, records: r.records, firstBadSeq: r.firstBadSeq, reason: r.reason }, () => r.message);
        if (!r.ok) throw new BastionError('CONFLICT', `audit verification failed at record #${r.firstBadSeq}.`);
      }),
    );

  audit
    .command('export [file]')
    .description("write the log as JSONL (one JSON object per line, SIEM-friendly); FILE defaults to the managed policy's audit.exportPath")
    .action(
      run(({ cli, uc, ctx }, file: string | undefined) => {
        const out = uc.audit.exportRecords(ctx, file !== undefined ? { path: file } : {});
        cli.print(out, () => `Wrote ${out.records} records to ${out.path}.`);
      }),
    );
};
