import { isAuditTable } from '../managed';
import { FILES, OUTSIDE } from './files';
import type { LiveTable } from './schema';
import { SETTING_NEVER, SETTING_REMOVE, SETTING_RETENTION, SETTINGS } from './settings';
import { TABLES } from './tables';
import { AREAS, NEVER_KEPT, type Described } from './types';

// docs/data-inventory.md, rendered from the same descriptions `bastion data` prints and from the schema of a database
// migrated to the latest version (column types). Written by scripts/gen-data-inventory.ts; a test fails when stale.

export const INVENTORY_DOC = 'docs/data-inventory.md';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string) => `\`${s}\``;

function bullets(d: Described): string[] {
  return [`- **Holds:** ${d.holds}`, `- **Never holds:** ${d.never.join('; ')}.`, `- **Kept:** ${d.retention}`, `- **Delete:** ${d.remove}`];
}

function tablesSection(live: readonly LiveTable[]): string[] {
  const out = ['## Tables in bastion.db', ''];
  for (const area of AREAS) {
    const names = Object.keys(TABLES).filter((n) => TABLES[n]!.area === area);
    for (const name of names) {
      const doc = TABLES[name]!;
      const l = live.find((t) => t.name === name);
      out.push(`### ${code(name)} (${area})`, '', ...bullets(doc));
      if (doc.createdAtRuntime) out.push(`- **Created:** at run time, ${doc.createdAtRuntime}.`);
      out.push('', '| Column | Type | Holds |', '| --- | --- | --- |');
      for (const [c, holds] of Object.entries(doc.columns)) out.push(`| ${code(c)} | ${l?.columns.find((x) => x.name === c)?.type ?? '—'} | ${cell(holds)} |`);
      out.push('');
    }
  }
  return out;
}

function wipeSection(): string[] {
  const names = Object.keys(TABLES).sort();
  const kept = names.filter(isAuditTable);
  return [
    '## What `bastion wipe` deletes',
    '',
    `- **Emptied:** every table except the audit trail: ${names.filter((n) => !isAuditTable(n)).map(code).join(', ')}; and every file in the data dir except the database, its journal, its integrity check memo and the audit trail's files (${code('install.key')}, ${code('audit.anchor')}), so the models folder goes too.`,
    `- **Kept:** ${kept.map(code).join(', ')}, with ${code('install.key')} and ${code('audit.anchor')}, which verify them. The wipe itself is recorded in the audit log it keeps.`,
    '- **`bastion wipe --include-audit`** (only where the managed policy sets `audit.allowWipe`): deletes the database, the install key and the anchor as well.',
    '- Deleted rows are overwritten (`secure_delete`) and the database vacuumed, so no freed page keeps old data.',
    '',
  ];
}

export function renderInventoryMarkdown(live: readonly LiveTable[]): string {
  const lines = [
    '# What Bastion keeps',
    '',
    '<!-- Generated from electron/inventory by `npx tsx scripts/gen-data-inventory.ts`; do not edit by hand. -->',
    '',
    'Everything Bastion stores lives in one data folder on your computer; nothing is sent anywhere. Run `bastion data`',
    '(or `bastion data --json`) to see each part below with its size and row count on your machine.',
    '',
    '- **Data folder:** Linux `~/.config/Bastion` (or `$XDG_CONFIG_HOME/Bastion`), macOS `~/Library/Application Support/Bastion`,',
    '  Windows `%APPDATA%\\Bastion`; `--data-dir DIR` or `BASTION_DATA_DIR` choose another.',
    `- **Never kept, anywhere:** ${NEVER_KEPT.join('; ')}.`,
    '',
    '## Files in the data folder',
    '',
  ];
  for (const f of FILES) lines.push(`### ${f.title}: ${f.patterns.map(code).join(', ')}`, '', ...bullets(f), '');
  lines.push(...tablesSection(live));
  lines.push('## Settings (the `settings` table)', '', `- **Kept:** ${SETTING_RETENTION}`, `- **Delete:** ${SETTING_REMOVE}`, `- **Never holds:** ${SETTING_NEVER.join('; ')}.`, '');
  lines.push('| Key | Holds |', '| --- | --- |');
  for (const [key, doc] of Object.entries(SETTINGS)) lines.push(`| ${code(key)} | ${cell(doc.holds)}${doc.never ? ` Never: ${cell(doc.never.join('; '))}.` : ''} |`);
  lines.push('', '## Outside the data folder', '', 'Bastion writes outside its folder only where you (or your administrator) point it:', '');
  for (const o of OUTSIDE) lines.push(`### ${o.title}`, '', `- **Where:** ${o.where}`, ...bullets(o), '');
  lines.push(...wipeSection());
  return `${lines.join('\n').trimEnd()}\n`;
}
