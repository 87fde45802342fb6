import { BastionError } from '../../core';
import type { PolicyHistoryEntry } from '../../managed';
import { askLine } from '../prompt';
import type { RegisterCommands } from './types';

// Enterprise commands: policy show|check|schema|pack, wipe, egress, settings get|set|reset.

export const registerManaged: RegisterCommands = (program, run) => {
  const policy = program.command('policy').description('the managed (machine-wide) policy');
  policy
    .command('show')
    .description('the policy file in force, its status, the settings it yields, and the policies seen on this machine')
    .action(
      run(({ cli, uc, ctx }) => {
        const s = uc.managed.policyState(ctx);
        cli.print(s, () =>
          [
            `Policy file: ${s.path} (${s.status}${s.locked ? ', LOCKED DOWN' : ''})${s.sha256 ? ` sha256 ${s.sha256}` : ''}`,
            ...(s.message ? [s.message] : []),
            `Policy: ${JSON.stringify(s.policy, null, 2)}`,
            `In force (policy over your settings): ${JSON.stringify(s.effective, null, 2)}`,
            '',
            ...historyLines(s.history),
          ].join('\n'),
        );
      }),
    );
  policy
    .command('check')
    .argument('<file>', 'a policy.json to validate before deploying it')
    .description('validate a policy file; exit 0 when valid, 3 when not')
    .action(
      run(({ cli, uc, ctx }, file: string) => {
        const parsed = uc.managed.checkPolicyFile(ctx, file);
        cli.print({ file, valid: true, policy: parsed }, () => `${file} is a valid Bastion policy.`);
      }),
    );
  policy
    .command('schema')
    .description('print the policy JSON Schema (also in docs/policy.schema.json)')
    .action(run(({ cli, uc }) => cli.write(`${JSON.stringify(uc.managed.policySchema(), null, 2)}\n`)));

  policy
    .command('pack')
    .argument('<dirs...>', 'folders of documents (Markdown, text, HTML, PDF) to ship to clients')
    .requiredOption('--out <file>', 'the knowledge pack to write (a self-contained, pre-indexed database)')
    .option('--embed-model <path>', 'GGUF embedding model for vectors (default: BASTION_EMBED_MODEL; keyword-only without one)')
    .option('--no-embed', 'keyword index only')
    .description('admin: pre-index documents (plus the built-in articles) into a knowledge pack for offline clients')
    .action(
      run(async ({ cli, uc, ctx }, dirs: string[], flags: { out: string; embedModel?: string; embed?: boolean }) => {
        cli.progress(`indexing ${dirs.join(', ')}…`);
        const s = await uc.knowledge.withEmbedders(() =>
          uc.managed.buildPack(ctx, dirs, flags.out, { ...(flags.embedModel ? { embedModel: flags.embedModel } : {}), keywordOnly: flags.embed === false }),
        );
        const d = s.documents;
        cli.print(s, () => `Wrote ${s.outFile}: ${d.added.length + d.updated.length + d.unchanged.length} documents indexed, ${d.skipped.length} skipped.`);
      }),
    );

  program
    .command('wipe')
    .description('delete all local data (vault items, knowledge, history, settings, models) except the audit log')
    .option('--yes', 'do not ask for confirmation')
    .option('--include-audit', 'also delete the audit log and egress log (only where the managed policy allows it)')
    .action(
      run(async ({ cli, uc, ctx }, opts: { yes?: boolean; includeAudit?: boolean }) => {
        const includeAudit = Boolean(opts.includeAudit);
        const plan = uc.managed.planDataWipe(ctx, { includeAudit });
        if (!plan) {
          cli.print({ dataDir: ctx.dataDir, wiped: false, reason: 'no data' }, () => `Nothing to wipe: no Bastion data in ${ctx.dataDir}.`);
          return;
        }
        if (!opts.yes) {
          const answer = await askLine(
            `This deletes from ${plan.dataDir}: ${plan.tables.length} tables of data${plan.files.length ? ` and ${plan.files.join(', ')}` : ''}` +
              `${includeAudit ? ', INCLUDING the audit log' : ` (kept: ${plan.kept.join(', ') || 'nothing'})`}.\nType "wipe" to continue: `,
          );
          if (answer.toLowerCase() !== 'wipe') throw new BastionError('CANCELLED', 'Wipe cancelled; nothing was deleted.');
        }
        const done = uc.managed.wipe(ctx, plan);
        cli.print({ dataDir: plan.dataDir, wiped: true, includeAudit, tables: plan.tables, kept: plan.kept, files: plan.files, rows: done.rows }, () =>
          `Wiped ${done.rows} rows in ${done.tables} tables and ${done.files} files from ${plan.dataDir}.` + (includeAudit ? ' The audit log was deleted too.' : ` Kept: ${plan.kept.join(', ') || 'nothing'}.`),
        );
      }),
    );

  program
    .command('egress')
    .description('every network request Bastion made or refused (normally only model downloads you started)')
    .action(
      run(({ cli, uc, ctx }) => {
        const entries = uc.managed.egress(ctx);
        cli.print({ entries }, () =>
          entries.length
            ? entries.map((e) => `${new Date(e.at).toISOString()}  ${e.allowed ? 'ALLOWED' : 'BLOCKED'}  ${e.purpose}  ${e.url}`).join('\n')
            : 'No network requests recorded: Bastion has made none.',
        );
      }),
    );

  const settings = program.command('settings').description('your settings (the managed policy can only be tightened by them)');
  settings
    .command('get')
    .argument('[key]', 'one setting (see `bastion settings get`)')
    .description('show your settings and the values in force')
    .action(
      run(({ cli, uc, ctx }, key: string | undefined) => {
        const { user, effective } = uc.settings.readUserAndEffective(ctx);
        const keys = uc.settings.SETTING_KEYS;
        if (key !== undefined && !(keys as readonly string[]).includes(key)) throw new BastionError('BAD_INPUT', `Unknown setting "${key}"; known settings: ${keys.join(', ')}.`);
        const valueOf = (k: string) => (user as Record<string, unknown>)[k] ?? null;
        const value = key ? { key, value: valueOf(key), managed: effective.managed.includes(key), effective } : { settings: user, effective };
        cli.print(value, () =>
          key
            ? `${key} = ${JSON.stringify(valueOf(key))}${effective.managed.includes(key) ? ' (bounded by managed policy)' : ''}`
            : [...keys.map((k) => `${k} = ${JSON.stringify(valueOf(k))}${effective.managed.includes(k) ? '  [managed]' : ''}`), '', `In force: ${JSON.stringify(effective, null, 2)}`].join('\n'),
        );
      }),
    );
  settings
    .command('set')
    .argument('<key>', 'a setting name (see `bastion settings get`)')
    .argument('<value>', 'a JSON value (true, 30, null, ["export_report"]) or plain text')
    .description('change one of your settings')
    .action(
      run(({ cli, uc, ctx }, key: string, raw: string) => {
        const value = parseValue(raw);
        const r = uc.settings.writeSetting(ctx, key, value);
        cli.print({ key, value, managed: r.managed, effective: r.effective }, () => `${key} set.${r.managed ? ' Note: the managed policy bounds this setting; see `bastion settings get`.' : ''}`);
      }),
    );
  settings
    .command('reset')
    .argument('<key>', 'the setting to return to its default')
    .action(
      run(({ cli, uc, ctx }, key: string) => {
        const removed = uc.settings.resetSetting(ctx, key);
        cli.print({ key, reset: removed }, () => (removed ? `${key} reset to its default.` : `${key} was not set.`));
      }),
    );
};

function historyLines(history: PolicyHistoryEntry[]): string[] {
  if (history.length === 0) return ['Policy history on this machine: none recorded (no managed policy seen since the database was made).'];
  return [
    'Policy history on this machine (newest first):',
    ...history.map((h) => `  ${h.firstSeen} … ${h.lastSeen}  ${h.status.padEnd(7)}  ${h.sha256 ?? '(no file)'.padEnd(64)}  ${h.path}${h.problem ? `\n      ${h.problem}` : ''}`),
  ];
}

function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
