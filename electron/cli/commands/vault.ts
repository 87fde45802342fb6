import { openSync, readSync, closeSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option } from 'commander';
import { BastionError } from '../../core';
import {
  addExclusion,
  buildReport,
  FINDING_KINDS,
  forgetSource,
  importBreachCorpus,
  importVault,
  IMPORT_FORMATS,
  isFindingKind,
  listSources,
  removeExclusion,
  type Finding,
  type FindingKind,
  type ImportFormat,
  type Report,
} from '../../vault';
import type { CliContext } from '../context';
import type { RegisterCommands } from './types';

// `bastion import | report | exclude | include | sources | forget | breach import` — the issue-2 contract.

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
    .action(run(async (ctx, file: string, flags: ImportFlags) => importCommand(ctx, file, flags)));

  program
    .command('report')
    .description('the hygiene report: weak, reused, exposed, insecure URL, missing 2FA, duplicate and old passwords')
    .action(
      run(async (ctx) => {
        const report = buildReport(ctx.store());
        ctx.print(report, () => formatReport(report));
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
    run(async (ctx, item: string | undefined, flags: TargetFlags) => {
      const ex = addExclusion(ctx.store(), { ...targetOf(item, flags), ...kindOf(flags) });
      ctx.print(ex, () => `Excluded ${ex.targetType} ${ex.target} from ${ex.kind === '*' ? 'every finding kind' : ex.kind}.`);
    }),
  );

  target('include', 'undo an exclusion').action(
    run(async (ctx, item: string | undefined, flags: TargetFlags) => {
      const t = targetOf(item, flags);
      const removed = removeExclusion(ctx.store(), { ...t, ...kindOf(flags) }, FINDING_KINDS);
      if (removed === 0) throw new BastionError('NOT_FOUND', `Nothing is excluded for ${t.itemId ?? `group ${t.group}`}${flags.kind ? ` (${flags.kind})` : ''}.`);
      ctx.print({ removed }, () => `Included ${t.itemId ?? `group ${t.group}`} again${flags.kind ? ` for ${flags.kind}` : ''}.`);
    }),
  );

  program
    .command('sources')
    .description('list imported vault sources')
    .action(
      run(async (ctx) => {
        const sources = listSources(ctx.store());
        ctx.print(sources, () =>
          sources.length === 0
            ? 'No sources imported yet; run `bastion import FILE`.'
            : sources.map((s) => `${s.id}  ${s.format.padEnd(14)} ${String(s.items).padStart(6)} items  ${s.importedAt}  ${s.path}`).join('\n'),
        );
      }),
    );

  program
    .command('forget')
    .description('remove an imported source and everything derived from it')
    .argument('<source>', 'source id, path or file name (see `bastion sources`)')
    .action(
      run(async (ctx, source: string) => {
        const gone = forgetSource(ctx.store(), source, resolve(source));
        ctx.print({ forgotten: gone }, () => `Forgot ${gone.path} (${gone.items} items).`);
      }),
    );

  const breach = program.command('breach').description('offline breach corpus (Have I Been Pwned "Pwned Passwords")');
  breach
    .command('import')
    .description('import an HIBP SHA-1 "HASH:COUNT" file')
    .argument('<file>', 'the HIBP file')
    .action(
      run(async (ctx, file: string) => {
        const summary = await importBreachCorpus(ctx.store(), file, {
          onProgress: (bytes, total) => ctx.progress(`Reading ${Math.round((100 * bytes) / Math.max(1, total))}%`),
        });
        ctx.print(summary, () => `Imported ${summary.lines} hashes from ${summary.file} (${summary.stored} stored).\n${summary.note}`);
      }),
    );
};

async function importCommand(ctx: CliContext, file: string, flags: ImportFlags): Promise<void> {
  const path = resolve(file);
  const format = (flags.format ?? 'auto') as ImportFormat | 'auto';
  let password: string | undefined;
  if (flags.passwordEnv !== undefined) {
    password = process.env[flags.passwordEnv];
    if (password === undefined) throw new BastionError('BAD_INPUT', `The environment variable ${flags.passwordEnv} is not set.`);
  }
  let keyFile: Uint8Array | undefined;
  if (flags.keyFile !== undefined) {
    try {
      keyFile = readFileSync(flags.keyFile);
    } catch {
      throw new BastionError('NOT_FOUND', `Cannot read the key file ${resolve(flags.keyFile)}.`);
    }
  }
  if (password === undefined && (format === 'kdbx' || (format === 'auto' && looksLikeKdbx(path)))) {
    if (process.stdin.isTTY) password = await promptHidden(`Master password for ${path}: `);
    else if (!keyFile) throw new BastionError('BAD_INPUT', `${path} is a KeePass database: give its password with --password-env VAR.`);
  }
  let last = 0;
  const summary = await importVault(ctx.store(), ctx.keys(), path, {
    format,
    ...(password !== undefined ? { password } : {}),
    ...(keyFile ? { keyFile } : {}),
    onProgress: (done, total) => {
      const now = Date.now();
      if (done === total || now - last > 250) {
        last = now;
        ctx.progress(`Analysing passwords ${done}/${total}`);
      }
    },
  });
  password = undefined;
  ctx.print(summary, () => {
    const skipped = summary.skipped.length ? `\nSkipped ${summary.skipped.length}: ${summary.skipped.map((s) => s.reason).join('; ')}` : '';
    return `Imported ${summary.items} items (${summary.logins} logins) from ${path} as ${summary.format} (source ${summary.source}).${skipped}\nRun \`bastion report\` to see the findings.`;
  });
}

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

function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  return new Promise((resolvePw, reject) => {
    let buf = '';
    const cleanup = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const c of chunk) {
        if (c === '\r' || c === '\n' || c === '\u0004') {
          cleanup();
          resolvePw(buf);
          return;
        }
        if (c === '\u0003') {
          cleanup();
          reject(new BastionError('CANCELLED', 'Import cancelled.'));
          return;
        }
        if (c === '\u007f' || c === '\b') buf = buf.slice(0, -1);
        else buf += c;
      }
    };
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    stdin.on('data', onData);
  });
}

function targetOf(item: string | undefined, flags: TargetFlags): { itemId?: string; group?: string } {
  if (item && flags.group) throw new BastionError('BAD_INPUT', 'Name an item or --group, not both.');
  if (item) {
    if (!/^it_[A-Za-z0-9_-]{6,64}$/.test(item)) throw new BastionError('BAD_INPUT', `${item} is not an item id (it_… from \`bastion report\`).`);
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

const KIND_TITLES: Record<FindingKind, string> = {
  exposed: 'Exposed passwords',
  reused: 'Reused passwords',
  weak: 'Weak passwords',
  insecure_url: 'Insecure (http://) login pages',
  old: 'Old passwords',
  missing_2fa: 'Two-factor authentication not set up',
  duplicate: 'Duplicate entries',
};

/** The readable report: score, then findings grouped by kind, then what the user excluded, snoozed or resolved. */
export function formatReport(report: Report): string {
  const lines = [`Vault score: ${report.score}/100 (${report.counts.items} items, ${report.counts.logins} logins)`];
  if (report.counts.items === 0) lines.push('', 'No items imported yet; run `bastion import FILE`.');
  else if (report.findings.length === 0) lines.push('', 'No open findings.');
  const section = (findings: Finding[]) => {
    for (const kind of Object.keys(KIND_TITLES) as FindingKind[]) {
      const of = findings.filter((f) => f.kind === kind);
      if (!of.length) continue;
      lines.push('', `${KIND_TITLES[kind]} (${of.length})`);
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
  if (report.suppressed.length) {
    lines.push('', `--- Snoozed or resolved (${report.suppressed.length}) ---`);
    section(report.suppressed);
  }
  return lines.join('\n');
}

/** Titles are vault text: no control characters into the terminal. */
function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 120);
}
