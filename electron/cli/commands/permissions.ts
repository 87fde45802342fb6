import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { BastionError } from '../../core';
import { effectiveSettings, loadManagedPolicy } from '../../managed';
import {
  clipboardClearsSettled,
  confirmProposal,
  createProposal,
  currentDecision,
  effectOf,
  getProposal,
  listProposals,
  recover,
  rejectProposal,
  systemClipboard,
  takeGeneratedText,
  undoAction,
  vaultAccess,
  type ActionRules,
  type ExecutionPorts,
  type Grant,
  type ProposalRecord,
} from '../../permissions';
import type { CliContext } from '../context';
import type { RegisterCommands } from './types';

// `bastion proposals | propose | confirm | reject | undo | generate`: the permission layer from a terminal.

function openExternal(url: string): Promise<void> {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => reject(new BastionError('UNSUPPORTED', `Cannot open a browser here; visit ${url} yourself.`)));
    child.on('spawn', () => {
      child.unref();
      resolve();
    });
  });
}

export function cliPorts(): ExecutionPorts {
  const clipboard = systemClipboard();
  const ms = Number(process.env.BASTION_CLIPBOARD_CLEAR_MS);
  return { vault: vaultAccess, clipboard: clipboard ?? undefined, openExternal, clipboardClearMs: Number.isFinite(ms) && ms > 0 ? ms : 30_000 };
}

export function cliRules(ctx: CliContext): ActionRules {
  return effectiveSettings(ctx.store(), loadManagedPolicy().policy).actions;
}

function line(p: ProposalRecord, effect: string | null): string {
  const flag = p.tainted ? ' [FLAGGED]' : '';
  return `${p.id}  ${p.status.padEnd(9)} ${p.action}${flag}\n    ${effect ?? p.reason}`;
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

function envPassword(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const v = process.env[name];
  if (v === undefined) throw new BastionError('BAD_INPUT', `Environment variable ${name} is not set.`);
  return v;
}

function settle(ctx: CliContext, p: ProposalRecord): void {
  ctx.print(p, () => {
    const r = p.result ?? {};
    const parts = [`${p.id}: ${p.status}`];
    if (Array.isArray(r.steps)) parts.push(...(r.steps as string[]));
    else if (Object.keys(r).length > 0) parts.push(JSON.stringify(r));
    return parts.join('\n');
  });
}

async function waitForClipboard(ctx: CliContext, p: ProposalRecord): Promise<void> {
  if (p.action === 'copy_to_clipboard' && p.status === 'executed') {
    ctx.progress(`Copied. The clipboard is cleared in ${Math.round(Number(p.result?.clearsAfterMs ?? 30_000) / 1000)} s (if it still holds the password)…`);
    await clipboardClearsSettled();
  }
}

export const registerPermissions: RegisterCommands = (program: Command, run) => {
  program
    .command('proposals')
    .description('list proposals (pending by default) with what each would do')
    .option('--all', 'include settled proposals')
    .action(
      run(async (ctx, opts: { all?: boolean }) => {
        const store = ctx.store();
        recover(store, ctx.keys());
        const rules = cliRules(ctx);
        const list = listProposals(store, opts.all ? {} : { status: ['pending'] });
        const rows = list.map((p) => {
          const d = currentDecision(store, p, rules);
          return { ...p, effect: effectOf(store, p, { vault: vaultAccess }), confirmation: d?.confirmation ?? null, grants: d?.grants ?? [], flagged: d?.flagged ?? null };
        });
        ctx.print(rows, () => (rows.length ? rows.map((r) => line(r, r.effect)).join('\n') : 'No pending proposals.'));
      }),
    );

  program
    .command('propose <action>')
    .description('create a proposal yourself (actor: user), as the model would; allowed ones run at once')
    .requiredOption('--args <json>', 'the action arguments as JSON, e.g. \'{"length":24}\'')
    .action(
      run(async (ctx, action: string, opts: { args: string }) => {
        let args: unknown;
        try {
          args = JSON.parse(opts.args);
        } catch {
          throw new BastionError('BAD_INPUT', '--args is not valid JSON.');
        }
        const store = ctx.store();
        const created = await createProposal(store, { action, args }, { actor: 'user' }, { keys: ctx.keys(), rules: cliRules(ctx), ports: cliPorts() });
        const p = created.proposal;
        ctx.print({ ...created }, () => `${line(p, created.effect)}\n    policy: ${p.decision} — ${p.reason}${p.status === 'pending' ? `\n    confirm with: bastion confirm ${p.id}` : ''}`);
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
    .action(
      run(async (ctx, id: string, opts: { yes?: boolean; grant: string; passwordEnv?: string; title?: string }) => {
        const store = ctx.store();
        const keys = ctx.keys();
        recover(store, keys);
        const p = getProposal(store, id);
        if (!p) throw new BastionError('NOT_FOUND', `No proposal ${id}; see \`bastion proposals\`.`);
        if (!['once', 'session', 'always'].includes(opts.grant)) throw new BastionError('BAD_INPUT', '--grant must be once, session or always.');
        const rules = cliRules(ctx);
        const d = currentDecision(store, p, rules);
        const effect = effectOf(store, p, { vault: vaultAccess });
        process.stderr.write(`${p.id}: ${p.action} (${p.risk ?? 'invalid'})\n  ${effect ?? p.reason}\n`);
        if (d?.flagged) process.stderr.write(`  ${d.flagged}\n`);
        const nonInteractive = Boolean(opts.yes) || !process.stdin.isTTY;
        let typedTitle = opts.title;
        if (!opts.yes && p.status === 'pending' && d && d.decision !== 'deny') {
          if (d.confirmation === 'typed_title' && typedTitle === undefined) typedTitle = await ask('Type the entry title to confirm: ');
          else if (d.confirmation !== 'typed_title') {
            const answer = await ask('Go ahead? [y/N] ');
            if (!/^y(es)?$/i.test(answer)) {
              const r = rejectProposal(store, id, { keys });
              ctx.print(r, () => `${id}: rejected`);
              return;
            }
          }
        }
        const done = await confirmProposal(
          store,
          keys,
          { id, argsHash: p.argsHash, grant: opts.grant as Grant, typedTitle, vaultPassword: envPassword(opts.passwordEnv), nonInteractive },
          cliPorts(),
          { rules },
        );
        settle(ctx, done);
        await waitForClipboard(ctx, done);
      }),
    );

  program
    .command('reject <id>')
    .description('reject a pending proposal')
    .action(
      run(async (ctx, id: string) => {
        const p = rejectProposal(ctx.store(), id, { keys: ctx.keys() });
        ctx.print(p, () => `${id}: rejected`);
      }),
    );

  program
    .command('undo <id>')
    .description('undo an executed proposal (rotation, recycle bin, snooze, resolved mark)')
    .option('--password-env <var>', 'environment variable holding the KeePass database password')
    .action(
      run(async (ctx, id: string, opts: { passwordEnv?: string }) => {
        const store = ctx.store();
        recover(store, ctx.keys());
        const p = await undoAction(store, ctx.keys(), { id, vaultPassword: envPassword(opts.passwordEnv) }, cliPorts());
        ctx.print(p, () => `${id}: ${p.status}`);
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
      run(async (ctx, opts: { length?: number; words?: number; symbols: boolean; show?: boolean }) => {
        const args = { ...(opts.length !== undefined ? { length: opts.length } : {}), ...(opts.words !== undefined ? { words: opts.words } : {}), ...(opts.symbols ? {} : { symbols: false }) };
        const created = await createProposal(ctx.store(), { action: 'generate_password', args }, { actor: 'user' }, { keys: ctx.keys(), rules: cliRules(ctx), ports: cliPorts() });
        const p = created.proposal;
        if (p.status !== 'executed') throw new BastionError(p.status === 'invalid' ? 'BAD_INPUT' : 'POLICY_DENIED', p.reason);
        const id = String(p.result?.generatedId);
        const text = opts.show ? takeGeneratedText(id) : null;
        ctx.print({ ...p.result, ...(text !== null ? { password: text } : {}) }, () => text ?? `${id} (${String(p.result?.length)} characters, ${String(p.result?.bits)} bits); use --show to print it`);
      }),
    );
};
