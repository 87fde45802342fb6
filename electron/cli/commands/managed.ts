import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { pruneHistory } from '../../assistant';
import { BastionError } from '../../core';
import { DB_FILE, openStore, resolveDataDir } from '../../db';
import {
  SETTING_KEYS,
  buildKnowledgePack,
  effectiveSettings,
  enforceRetention,
  executeWipe,
  listEgress,
  loadManagedPolicy,
  mergeSettings,
  parsePolicyText,
  planWipe,
  policyJsonSchema,
  readUserSettings,
  recordWipe,
  resetUserSetting,
  setUserSetting,
} from '../../managed';
import type { RegisterCommands } from './types';

// Enterprise commands: policy show|check|schema, wipe, egress, settings get|set|reset. Also, for every command: an
// invalid managed policy is announced on stderr (Bastion then runs locked down), and history retention is enforced.

export const registerManaged: RegisterCommands = (program, run) => {
  program.hook('preAction', (_root, action) => startupChecks(action));

  const policy = program.command('policy').description('the managed (machine-wide) policy');
  policy
    .command('show')
    .description('the policy file in force, its status, and the settings it yields')
    .action(
      run((ctx) => {
        const state = loadManagedPolicy();
        const user = existsSync(join(ctx.dataDir, DB_FILE)) ? readUserSettings(ctx.store()) : {};
        const effective = mergeSettings(state.policy, user);
        ctx.print({ path: state.path, status: state.status, locked: state.locked, message: state.message, policy: state.policy, effective }, () =>
          [
            `Policy file: ${state.path} (${state.status}${state.locked ? ', LOCKED DOWN' : ''})`,
            ...(state.message ? [state.message] : []),
            `Policy: ${JSON.stringify(state.policy, null, 2)}`,
            `In force (policy over your settings): ${JSON.stringify(effective, null, 2)}`,
          ].join('\n'),
        );
      }),
    );
  policy
    .command('check')
    .argument('<file>', 'a policy.json to validate before deploying it')
    .description('validate a policy file; exit 0 when valid, 3 when not')
    .action(
      run((ctx, file: string) => {
        let text: string;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
        } catch (e) {
          throw new BastionError('BAD_FILE', `${file} cannot be read as UTF-8 text: ${(e as Error).message}`);
        }
        const parsed = parsePolicyText(text);
        if (!parsed.ok) throw new BastionError('BAD_FILE', `${file} ${parsed.problem}`);
        ctx.print({ file, valid: true, policy: parsed.policy }, () => `${file} is a valid Bastion policy.`);
      }),
    );
  policy
    .command('schema')
    .description('print the policy JSON Schema (also in docs/policy.schema.json)')
    .action(run(() => void process.stdout.write(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`)));

  policy
    .command('pack')
    .argument('<dirs...>', 'folders of documents (Markdown, text, HTML, PDF) to ship to clients')
    .requiredOption('--out <file>', 'the knowledge pack to write (a self-contained, pre-indexed database)')
    .option('--embed-model <path>', 'GGUF embedding model for vectors (default: BASTION_EMBED_MODEL; keyword-only without one)')
    .option('--no-embed', 'keyword index only')
    .description('admin: pre-index documents (plus the built-in articles) into a knowledge pack for offline clients')
    .action(
      run(async (ctx, dirs: string[], flags: { out: string; embedModel?: string; embed?: boolean }) => {
        ctx.progress(`indexing ${dirs.join(', ')}…`);
        const s = await buildKnowledgePack(dirs, flags.out, { embedModel: flags.embedModel, noEmbed: flags.embed === false });
        const d = s.documents;
        ctx.print(s, () => `Wrote ${s.outFile}: ${d.added.length + d.updated.length + d.unchanged.length} documents indexed, ${d.skipped.length} skipped.`);
      }),
    );

  program
    .command('wipe')
    .description('delete all local data (vault items, knowledge, history, settings, models) except the audit log')
    .option('--yes', 'do not ask for confirmation')
    .option('--include-audit', 'also delete the audit log and egress log (only where the managed policy allows it)')
    .action(
      run(async (ctx, opts: { yes?: boolean; includeAudit?: boolean }) => {
        const includeAudit = Boolean(opts.includeAudit);
        if (!existsSync(join(ctx.dataDir, DB_FILE))) {
          ctx.print({ dataDir: ctx.dataDir, wiped: false, reason: 'no data' }, () => `Nothing to wipe: no Bastion data in ${ctx.dataDir}.`);
          return;
        }
        const store = ctx.store();
        if (includeAudit && !effectiveSettings(store).audit.allowWipe) {
          throw new BastionError('POLICY_DENIED', 'The audit log can only be wiped where the managed policy sets audit.allowWipe; nothing was deleted.');
        }
        const plan = planWipe(store, { includeAudit });
        if (!opts.yes) {
          const answer = await ask(
            `This deletes from ${plan.dataDir}: ${plan.tables.length} tables of data${plan.files.length ? ` and ${plan.files.join(', ')}` : ''}` +
              `${includeAudit ? ', INCLUDING the audit log' : ` (kept: ${plan.kept.join(', ') || 'nothing'})`}.\nType "wipe" to continue: `,
          );
          if (answer.trim().toLowerCase() !== 'wipe') throw new BastionError('CANCELLED', 'Wipe cancelled; nothing was deleted.');
        }
        const done = executeWipe(store, plan);
        // With --include-audit the key went too: asking for it would create a new one.
        if (!includeAudit) recordWipe(store, ctx.keys(), plan, done);
        ctx.print({ dataDir: plan.dataDir, wiped: true, includeAudit, tables: plan.tables, kept: plan.kept, files: plan.files, rows: done.rows }, () =>
          `Wiped ${done.rows} rows in ${done.tables} tables and ${done.files} files from ${plan.dataDir}.` +
          (includeAudit ? ' The audit log was deleted too.' : ` Kept: ${plan.kept.join(', ') || 'nothing'}.`),
        );
      }),
    );

  program
    .command('egress')
    .description('every network request Bastion made or refused (normally only model downloads you started)')
    .action(
      run((ctx) => {
        const entries = existsSync(join(ctx.dataDir, DB_FILE)) ? listEgress(ctx.store()) : [];
        ctx.print({ entries }, () =>
          entries.length
            ? entries.map((e) => `${new Date(e.at).toISOString()}  ${e.allowed ? 'ALLOWED' : 'BLOCKED'}  ${e.purpose}  ${e.url}`).join('\n')
            : 'No network requests recorded: Bastion has made none.',
        );
      }),
    );

  const settings = program.command('settings').description('your settings (the managed policy can only be tightened by them)');
  settings
    .command('get')
    .argument('[key]', `one of: ${SETTING_KEYS.join(', ')}`)
    .description('show your settings and the values in force')
    .action(
      run((ctx, key: string | undefined) => {
        if (key !== undefined && !(SETTING_KEYS as string[]).includes(key)) {
          throw new BastionError('BAD_INPUT', `Unknown setting "${key}"; known settings: ${SETTING_KEYS.join(', ')}.`);
        }
        const store = ctx.store();
        const user = readUserSettings(store);
        const effective = effectiveSettings(store);
        const value = key ? { key, value: (user as Record<string, unknown>)[key] ?? null, managed: effective.managed.includes(key), effective } : { settings: user, effective };
        ctx.print(value, () =>
          key
            ? `${key} = ${JSON.stringify((user as Record<string, unknown>)[key] ?? null)}${effective.managed.includes(key) ? ' (bounded by managed policy)' : ''}`
            : [...SETTING_KEYS.map((k) => `${k} = ${JSON.stringify((user as Record<string, unknown>)[k] ?? null)}${effective.managed.includes(k) ? '  [managed]' : ''}`), '', `In force: ${JSON.stringify(effective, null, 2)}`].join('\n'),
        );
      }),
    );
  settings
    .command('set')
    .argument('<key>', `one of: ${SETTING_KEYS.join(', ')}`)
    .argument('<value>', 'a JSON value (true, 30, null, ["export_report"]) or plain text')
    .description('change one of your settings')
    .action(
      run((ctx, key: string, raw: string) => {
        const store = ctx.store();
        setUserSetting(store, key, parseValue(raw));
        const effective = effectiveSettings(store);
        ctx.print({ key, value: parseValue(raw), managed: effective.managed.includes(key), effective }, () =>
          `${key} set.${effective.managed.includes(key) ? ' Note: the managed policy bounds this setting; see `bastion settings get`.' : ''}`,
        );
      }),
    );
  settings
    .command('reset')
    .argument('<key>', 'the setting to return to its default')
    .action(
      run((ctx, key: string) => {
        const removed = resetUserSetting(ctx.store(), key);
        ctx.print({ key, reset: removed }, () => (removed ? `${key} reset to its default.` : `${key} was not set.`));
      }),
    );
};

function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Before every command: say so on stderr when the policy is invalid; enforce history retention on an existing store. */
function startupChecks(action: Command): void {
  const state = loadManagedPolicy();
  if (state.message) process.stderr.write(`bastion: ${state.message}\n`);
  const name = commandPath(action);
  if (name.startsWith('policy') || name === 'wipe' || name === 'settings reset') return;
  const { dataDir } = action.optsWithGlobals() as { dataDir?: string };
  const dir = resolveDataDir(dataDir);
  if (!existsSync(join(dir, DB_FILE))) return;
  try {
    const store = openStore({ dataDir: dir });
    try {
      enforceRetention(store, state.policy, Date.now(), { user: readUserSettings(store), deleters: [pruneHistory] });
    } finally {
      store.close();
    }
  } catch {
    // A store that cannot be opened is the command's own error to report, with its own message.
  }
}

function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** One line from stdin (a TTY or a pipe); '' at end of input. The prompt goes to stderr. */
async function ask(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  const stdin = process.stdin;
  return new Promise((resolve) => {
    let buf = '';
    const done = (s: string) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.pause();
      resolve(s);
    };
    const onData = (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl >= 0) done(buf.slice(0, nl));
    };
    const onEnd = () => done(buf);
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });
}
