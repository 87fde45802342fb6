import { closeSync, openSync, readSync } from 'node:fs';
import { Option } from 'commander';
import { BastionError } from '../../core';
import { FINDING_KINDS, FINDING_TITLES, IMPORT_FORMATS, isFindingKind, isItemId, type FindingKind } from '../../vocabulary';
import type { Finding, Report } from '../../vault';
import { oneLine, shellWord } from '../io';
import { envSecret, promptHidden } from '../prompt';
import type { RegisterCommands, Run } from './types';

// `bastion import | report | exclude | include | sources | forget | breach import`.

interface ImportFlags {
  format?: string;
  passwordEnv?: string;
  keyFile?: string;
}

interface TargetFlags {
  group?: string;
  kind?: string;
}

export const registerVault: RegisterCommands = (program, run) => {
  program
    .command('import')
    .description('import a vault export (KeePass KDBX, Bitwarden JSON, 1Password 1PUX/CSV, Chrome/Edge or Firefox CSV)')
    .argument('<file>', 'the export file')
    .addOption(new Option('--format <format>', 'the file format (default: detected from content)').choices(['auto', ...IMPORT_FORMATS]))
    .option('--password-env <var>', 'read the KDBX master password from this environment variable')
    .option('--key-file <file>', 'KDBX key file')
    .action(run(importCommand));

  program
    .command('report')
    .description('the hygiene report: weak, reused, exposed, insecure URL, missing 2FA, duplicate and old passwords')
    .action(
      run(({ cli, uc, ctx }) => {
        // --json: the kept report's text as it is (the same document print() would make from the object).
        if (cli.json) return cli.write(`${uc.vault.reportJson(ctx)}\n`);
        const report = uc.vault.report(ctx);
        cli.print(report, () => formatReport(report));
      }),
    );

  const target = (name: string, description: string) =>
    program
      .command(name)
      .description(description)
      .argument('[item]', 'an item id from the report (it_…)')
      .option('--group <name>', 'a group/folder (and its subfolders) instead of one item')
      .option('--kind <kind>', `only this finding kind (${FINDING_KINDS.join(', ')}); default: every kind`);

  target('exclude', 'exclude an item or a group from a finding kind (excluded findings are listed separately)').action(
    run(({ cli, uc, ctx }, item: string | undefined, flags: TargetFlags) => {
      const ex = uc.vault.exclude(ctx, { ...targetOf(item, flags), ...kindOf(flags) });
      cli.print(ex, () => `Excluded ${ex.targetType} ${ex.target} from ${ex.kind === '*' ? 'every finding kind' : ex.kind}.`);
    }),
  );

  target('include', 'undo an exclusion').action(
    run(({ cli, uc, ctx }, item: string | undefined, flags: TargetFlags) => {
      const t = targetOf(item, flags);
      const removed = uc.vault.include(ctx, { ...t, ...kindOf(flags) });
      cli.print({ removed }, () => `Included ${t.itemId ?? `group ${t.group}`} again${flags.kind ? ` for ${flags.kind}` : ''}.`);
    }),
  );

  program
    .command('sources')
    .description('list imported vault sources')
    .action(
      run(({ cli, uc, ctx }) => {
        const sources = uc.vault.sources(ctx);
        cli.print(sources, () =>
          sources.length === 0
            ? 'No sources imported yet; run `bastion import FILE`.'
            : sources.map((s) => `${s.id}  ${s.format.padEnd(14)} ${String(s.items).padStart(6)} items  ${s.importedAt}  ${oneLine(s.path, 400)}`).join('\n'),
        );
      }),
    );

  program
    .command('forget')
    .description('remove an imported source and everything derived from it')
    .argument('<source>', 'source id, path or file name (see `bastion sources`)')
    .action(
      run(({ cli, uc, ctx }, source: string) => {
        const gone = uc.vault.forget(ctx, source);
        cli.print({ forgotten: gone }, () => `Forgot ${oneLine(gone.path, 400)} (${gone.items} items).`);
      }),
    );

  const breach = program.command('breach').description('offline breach corpus (Have I Been Pwned "Pwned Passwords")');
  breach
    .command('import')
    .description('import an HIBP SHA-1 "HASH:COUNT" file')
    .argument('<file>', 'the HIBP file')
    .action(
      run(async ({ cli, uc, ctx }, file: string) => {
        const summary = await uc.vault.importBreaches(ctx, file, (bytes, total) => cli.progress(`Reading ${Math.round((100 * bytes) / Math.max(1, total))}%`));
        cli.print(summary, () => `Imported ${summary.lines} hashes from ${summary.file} (${summary.stored} stored).\n${summary.note}`);
      }),
    );
};

async function importCommand({ cli, uc, ctx }: Run, file: string, flags: ImportFlags): Promise<void> {
  const path = ctx.path(file);
  const format = (flags.format ?? 'auto') as (typeof IMPORT_FORMATS)[number] | 'auto';
  let password = envSecret(flags.passwordEnv);
  if (password === undefined && (format === 'kdbx' || (format === 'auto' && looksLikeKdbx(path)))) {
    if (process.stdin.isTTY) password = await promptHidden(`Master password for ${oneLine(path, 400)}: `);
    else if (!flags.keyFile) throw new BastionError('BAD_INPUT', `${path} is a KeePass database: give its password with --password-env VAR.`);
  }
  let last = 0;
  // Every check but strength is known before the estimates are: said with the progress as soon as it is.
  let soFar = '';
  const summary = await uc.vault.importFile(ctx, {
    path,
    format,
    ...(password !== undefined ? { password } : {}),
    ...(flags.keyFile !== undefined ? { keyFilePath: flags.keyFile } : {}),
    onFirstFindings: (counts) => {
      soFar = findingsSoFar(counts);
      if (soFar) cli.progress(`Analysing passwords — ${soFar}`);
    },
    onProgress: (done, total) => {
      const now = Date.now();
      if (done === total || now - last > 250) {
        last = now;
        cli.progress(`Analysing passwords ${done}/${total}${soFar ? ` — ${soFar}` : ''}`);
      }
    },
  });
  password = undefined;
  const { path: imported, ...contract } = summary;
  cli.print(contract, () => {
    const skipped = summary.skipped.length ? `\nSkipped ${summary.skipped.length}: ${summary.skipped.map((s) => (s.line ? `line ${s.line}: ${s.reason}` : s.reason)).join('; ')}` : '';
    const leftover = summary.plaintextExport
      ? `\n${oneLine(imported, 400)} holds every password in plain text. Delete it (moved to the trash; \`bastion undo\` puts it back):\n  bastion propose delete_plaintext_export --args ${shellWord(JSON.stringify({ path: imported }))}`
      : '';
    // The fallback line carries the importer's warning when most entries were skipped.
    return `${summary.fallback ? `Note: ${summary.fallback.message}\n` : ''}Imported ${summary.items} items (${summary.logins} logins) from ${oneLine(imported, 400)} as ${summary.format} (source ${summary.source}).${skipped}\nRun \`bastion report\` to see the findings.${leftover}`;
  });
}

/** Items per finding kind, as a progress line says them ("12 reused"). */
const SO_FAR_WORDS: Record<FindingKind, string> = {
  exposed: 'exposed',
  reused: 'reused',
  weak: 'weak',
  insecure_url: 'on http:// pages',
  missing_2fa: 'without two-factor',
  duplicate: 'duplicates',
  old: 'old',
};

/** "so far: 12 reused, 3 exposed, …" (items per kind); '' when nothing was found yet. */
function findingsSoFar(counts: Partial<Record<FindingKind, number>>): string {
  const parts = FINDING_KINDS.filter((k) => counts[k]).map((k) => `${counts[k]} ${SO_FAR_WORDS[k]}`);
  return parts.length ? `so far: ${parts.join(', ')}` : '';
}

/** A KeePass file needs a password: ask for it on a TTY before the import starts. */
function looksLikeKdbx(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(8);
    const n = readSync(fd, head, 0, 8, 0);
    return n === 8 && head.readUInt32LE(0) === 0x9aa2d903 && head.readUInt32LE(4) === 0xb54bfb67;
  } catch {
    return false; // the importer reports the real problem (missing file…)
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function targetOf(item: string | undefined, flags: TargetFlags): { itemId?: string; group?: string } {
  if (item && flags.group) throw new BastionError('BAD_INPUT', 'Name an item or --group, not both.');
  if (item) {
    if (!isItemId(item)) throw new BastionError('BAD_INPUT', `${item} is not an item id (it_… from \`bastion report\`).`);
    return { itemId: item };
  }
  if (flags.group) return { group: flags.group };
  throw new BastionError('BAD_INPUT', 'Name an item id (it_…) or --group NAME.');
}

function kindOf(flags: TargetFlags): { kind?: FindingKind } {
  if (flags.kind === undefined) return {};
  if (!isFindingKind(flags.kind)) throw new BastionError('BAD_INPUT', `Unknown finding kind "${flags.kind}"; use one of: ${FINDING_KINDS.join(', ')}.`);
  return { kind: flags.kind };
}

/** The readable report: score, then findings grouped by kind, then what the user excluded, snoozed or resolved. */
export function formatReport(report: Report): string {
  const lines = [`Vault score: ${report.score}/100 (${report.counts.items} items, ${report.counts.logins} logins)`];
  if (report.counts.items === 0) lines.push('', 'No items imported yet; run `bastion import FILE`.');
  else if (report.findings.length === 0) lines.push('', 'No open findings.');
  const order: FindingKind[] = ['exposed', 'reused', 'weak', 'insecure_url', 'old', 'missing_2fa', 'duplicate'];
  const section = (findings: Finding[]) => {
    for (const kind of order) {
      const of = findings.filter((f) => f.kind === kind);
      if (!of.length) continue;
      lines.push('', `${FINDING_TITLES[kind].plural} (${of.length})`);
      for (const f of of) {
        lines.push(`  [${f.severity}] ${f.items.map((i) => `${oneLine(i.title)} (${i.id})`).join(', ')}`);
        lines.push(`      ${f.reason}`);
      }
    }
  };
  section(report.findings);
  if (report.excluded.length) {
    lines.push('', `--- Excluded by you (${report.excluded.length}) ---`);
    section(report.excluded);
  }
  if (report.excludedByVault?.length) {
    lines.push('', `--- Excluded by the vault (${report.excludedByVault.length}) ---`);
    section(report.excludedByVault);
  }
  if (report.suppressed.length) {
    lines.push('', `--- Snoozed or resolved (${report.suppressed.length}) ---`);
    section(report.suppressed);
  }
  return lines.join('\n');
}
