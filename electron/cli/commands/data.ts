import type { DataInventory } from '../../usecases';
import { oneLine } from '../io';
import type { RegisterCommands } from './types';

// `bastion data [--json]`: what Bastion keeps on this machine — every table, file and setting with its size or row
// count, what it never holds, how long it is kept and how to delete it (the same content as docs/data-inventory.md).

export const registerData: RegisterCommands = (program, run) => {
  program
    .command('data')
    .description('what Bastion keeps here: every table, file and setting, with sizes, row counts, what each never holds and how to delete it')
    .action(
      run(({ cli, uc, ctx }) => {
        const inv = uc.data.inventory(ctx);
        cli.print(inv, () => formatInventory(inv));
      }),
    );
};

export function size(n: number | null): string {
  if (n === null) return '?';
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function formatInventory(inv: DataInventory): string {
  const lines = [`Bastion's data in ${oneLine(inv.dataDir, 400)}: ${size(inv.totalBytes)} in all. See docs/data-inventory.md for the full description.`];
  lines.push(`Never kept anywhere: ${inv.neverKept.join('; ')}.`, '', 'Files in the data folder:');
  for (const f of inv.files.filter((x) => x.found.length > 0)) {
    lines.push(`  ${f.title} (${f.found.length} file${f.found.length === 1 ? '' : 's'}, ${size(f.bytes)}): ${f.holds}`, `      delete: ${f.remove}`);
  }
  lines.push('', 'Tables in bastion.db:');
  for (const t of inv.tables.filter((x) => x.present)) {
    const rows = `${t.rowsEstimated ? '~' : ''}${t.rows} row${t.rows === 1 ? '' : 's'}`;
    lines.push(`  ${t.name.padEnd(24)} ${rows.padStart(12)} ${size(t.bytes).padStart(9)}  ${t.holds}`);
    lines.push(`      never: ${t.never.join('; ')}`, `      kept: ${t.retention}`, `      delete: ${t.remove}`);
  }
  const set = inv.settings.filter((s) => s.set);
  lines.push('', `Settings: ${set.length} of ${inv.settings.length} set${set.length ? ` (${set.map((s) => s.key).join(', ')})` : ''}; reset one with \`bastion settings reset KEY\`.`);
  const found = inv.outside.flatMap((o) => o.found.map((f) => ({ title: o.title, ...f })));
  if (found.length) {
    lines.push('', 'Outside the data folder:');
    for (const f of found) lines.push(`  ${f.title}: ${oneLine(f.path, 400)} (${size(f.bytes)})`);
  }
  const { files, tables } = inv.undescribed;
  if (files.length || tables.length) {
    lines.push('', 'Found here but not described (not written by this version of Bastion):');
    for (const t of tables) lines.push(`  table ${t}`);
    for (const f of files) lines.push(`  ${oneLine(f.path, 400)} (${size(f.bytes)})`);
  }
  return lines.join('\n');
}
