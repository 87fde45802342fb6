import { BastionError } from '../../core';
import type { ProposalRecord } from '../../permissions';
import type { ProposalView } from '../../usecases';
import { oneLine } from '../io';
import { askLine, envSecret } from '../prompt';
import type { RegisterCommands, Run } from './types';

// `bastion proposals | propose | confirm | reject | undo | generate`: the permission layer from a terminal.

const GRANTS = ['once', 'session', 'always'] as const;
type GrantName = (typeof GRANTS)[number];

function line(v: ProposalView): string {
  const flag = v.tainted ? ' [FLAGGED]' : '';
  return `${v.id}  ${v.status.padEnd(9)} ${v.title}${flag}\n    ${oneLine(v.effect.summary, 400)}`;
}

function settleText(p: ProposalRecord): string {
  const r = p.result ?? {};
  const parts = [`${p.id}: ${p.status}`];
  if (Array.isArray(r.steps)) parts.push(...(r.steps as string[]));
  else if (Object.keys(r).length > 0) parts.push(JSON.stringify(r));
  return parts.join('\n');
}

/** What the prompt shows before asking: the action, its exact effect, who asked, and why it is flagged. */
function reviewText(v: ProposalView): string {
  return [
    `${v.title} — ${v.effect.summary}`,
    ...(v.effect.before ? [`  before: ${v.effect.before}`] : []),
    ...(v.effect.after ? [`  after:  ${v.effect.after}`] : []),
    `  asked by: ${v.provenance.by}`,
    ...v.provenance.why.map((w) => `  ${w}`),
  ]
    .map((l) => oneLine(l, 600))
    .join('\n');
}

async function confirmCommand({ cli, uc, ctx }: Run, id: string, opts: { yes?: boolean; grant: string; passwordEnv?: string; title?: string }): Promise<void> {
  if (!(GRANTS as readonly string[]).includes(opts.grant)) throw new BastionError('BAD_INPUT', '--grant must be once, session or always.');
  const { record, view } = uc.proposals.review(ctx, id);
  if (view) process.stderr.write(`${reviewText(view)}\n`);
  const nonInteractive = Boolean(opts.yes) || !process.stdin.isTTY;
  let typedTitle = opts.title;
  if (!opts.yes && record.status === 'pending' && view && view.decision?.decision !== 'deny') {
    if (view.confirmation === 'typed_title' && typedTitle === undefined) typedTitle = await askLine('Type the entry title to confirm: ');
    else if (view.confirmation !== 'typed_title') {
      const answer = await askLine('Go ahead? [y/N] ');
      if (!/^y(es)?$/i.test(answer)) {
        const r = uc.proposals.reject(ctx, id);
        cli.print(r.record, () => `${id}: rejected; nothing was changed.`);
        return;
      }
    }
  }
  const done = await uc.proposals.confirm(ctx, {
    id,
    argsHash: record.argsHash,
    grant: opts.grant as GrantName,
    ...(typedTitle !== undefined ? { typedTitle } : {}),
    ...(opts.passwordEnv ? { vaultPassword: envSecret(opts.passwordEnv)! } : {}),
    nonInteractive,
  });
  cli.print(done.record, () => settleText(done.record));
  if (done.record.action === 'copy_to_clipboard' && done.record.status === 'executed') {
    cli.progress(`Copied. The clipboard is cleared in ${Math.round(Number(done.record.result?.clearsAfterMs ?? 30_000) / 1000)} s (if it still holds the password)…`);
    const { clipboardClearsSettled } = await import('../engine');
    await clipboardClearsSettled();
  }
}

export const registerPermissions: RegisterCommands = (program, run) => {
  program
    .command('proposals')
    .description('list proposals (pending by default) with what each would do')
    .option('--all', 'include settled proposals')
    .action(
      run(({ cli, uc, ctx }, opts: { all?: boolean }) => {
        const views = uc.proposals.listViews(ctx, { all: opts.all ?? false });
        cli.print(views, () => (views.length ? views.map(line).join('\n') : 'No pending proposals.'));
      }),
    );

  program
    .command('propose <action>')
    .description('create a proposal yourself, as the assistant would; allowed ones run at once')
    .requiredOption('--args <json>', 'the action arguments as JSON, e.g. \'{"length":24}\'')
    .action(
      run(async ({ cli, uc, ctx }, action: string, opts: { args: string }) => {
        let args: unknown;
        try {
          args = JSON.parse(opts.args);
        } catch {
          throw new BastionError('BAD_INPUT', '--args is not valid JSON.');
        }
        const { record: p, view } = await uc.proposals.propose(ctx, { action, args });
        cli.print({ proposal: p, effect: view?.effect.summary ?? null, policy: view?.decision ?? null }, () =>
          `${p.id}  ${p.status}  ${view?.title ?? action}\n    ${oneLine(view?.effect.summary ?? p.reason, 400)}\n    policy: ${p.decision} — ${p.reason}${p.status === 'pending' ? `\n    confirm with: bastion confirm ${p.id}` : ''}`,
        );
        if (p.status === 'invalid') throw new BastionError('BAD_INPUT', `Proposal refused: ${p.reason}`);
        if (p.status === 'denied') throw new BastionError('POLICY_DENIED', `Proposal denied: ${p.reason}`);
      }),
    );

  program
    .command('confirm <id>')
    .description('review a proposal and confirm it (y/N; destructive ones need the entry title typed)')
    .option('--yes', 'confirm without a prompt (only where policy allows non-interactive confirmation)')
    .option('--grant <grant>', 'once | session | always', 'once')
    .option('--password-env <var>', 'environment variable holding the KeePass database password')
    .option('--title <title>', 'the entry title, for destructive actions')
    .action(run(confirmCommand));

  program
    .command('reject <id>')
    .description('reject a pending proposal')
    .action(
      run(({ cli, uc, ctx }, id: string) => {
        const r = uc.proposals.reject(ctx, id);
        cli.print(r.record, () => `${id}: rejected`);
      }),
    );

  program
    .command('undo <id>')
    .description('undo an executed proposal (rotation, recycle bin, snooze, resolved mark)')
    .option('--password-env <var>', 'environment variable holding the KeePass database password')
    .action(
      run(async ({ cli, uc, ctx }, id: string, opts: { passwordEnv?: string }) => {
        const r = await uc.proposals.undo(ctx, { id, ...(opts.passwordEnv ? { vaultPassword: envSecret(opts.passwordEnv)! } : {}) });
        cli.print(r.record, () => `${id}: ${r.record.status}`);
      }),
    );

  program
    .command('generate')
    .description('generate a strong password in memory (printed only with --show)')
    .option('--length <n>', 'characters (12–128)', (v) => Number.parseInt(v, 10))
    .option('--words <n>', 'a passphrase of N words (4–12) instead', (v) => Number.parseInt(v, 10))
    .option('--no-symbols', 'letters and digits only')
    .option('--show', 'print the password on stdout')
    .action(
      run(async ({ cli, uc, ctx }, opts: { length?: number; words?: number; symbols: boolean; show?: boolean }) => {
        const args = { ...(opts.length !== undefined ? { length: opts.length } : {}), ...(opts.words !== undefined ? { words: opts.words } : {}), ...(opts.symbols ? {} : { symbols: false }) };
        const g = await uc.proposals.generate(ctx, args, { reveal: Boolean(opts.show) });
        cli.print({ generatedId: g.id, bits: g.bits, length: g.length, ...(g.password !== null ? { password: g.password } : {}) }, () => g.password ?? `${g.id} (${g.length} characters, ${g.bits} bits); use --show to print it`);
      }),
    );
};
