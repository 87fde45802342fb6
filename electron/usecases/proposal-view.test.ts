import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_NAMES } from '../permissions';
import { beforeAfter, byWhom } from './proposal-view';

const ref = { id: 'it_1', title: 'Bank', username: 'me', urls: ['https://bank.example'], kind: 'login' as const, group: 'Finance', sourceId: 's', sourcePath: '/v.kdbx', format: 'kdbx' as const, externalId: 'x1' };

describe('beforeAfter (the confirm dialog\'s before/after rows)', () => {
  it('describes every state-changing action and none of the others', () => {
    const args: Record<string, Record<string, unknown>> = {
      copy_to_clipboard: { generatedId: 'gen_abcdef' },
      rotate_password: { itemId: 'it_1', length: 24 },
      move_to_recycle_bin: { itemId: 'it_1' },
      export_report: { format: 'csv', path: '/nonexistent/dir/r.csv' },
      snooze_finding: { kind: 'weak', itemIds: ['it_1', 'it_2'], days: 30 },
      mark_resolved: { kind: 'reused', itemIds: ['it_1'] },
    };
    for (const a of ACTION_NAMES) {
      const r = beforeAfter(a, args[a] ?? { itemId: 'it_1' }, ref);
      if (a === 'generate_password' || a === 'open_change_password_page' || a === 'open_settings_page') expect(r, a).toEqual({ before: null, after: null });
      else expect(r.before && r.after, a).toBeTruthy();
    }
    expect(beforeAfter('rotate_password', args.rotate_password!, ref).after).toMatch(/24-character/);
    expect(beforeAfter('move_to_recycle_bin', args.move_to_recycle_bin!, ref)).toEqual({ before: 'In group “Finance”', after: 'In the Recycle Bin (undo restores it)' });
    expect(beforeAfter('snooze_finding', args.snooze_finding!, ref).before).toBe('“Weak password” shown for 2 items');
    expect(beforeAfter('copy_to_clipboard', args.copy_to_clipboard!, ref, 45).after).toMatch(/45 seconds/);
  });

  it('says when an export would replace an existing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bastion-ba-'));
    try {
      const path = join(dir, 'r.csv');
      expect(beforeAfter('export_report', { format: 'csv', path }, null).before).toBe('No file at this path');
      writeFileSync(path, 'old');
      expect(beforeAfter('export_report', { format: 'csv', path }, null).before).toMatch(/will be replaced/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('byWhom (provenance in words)', () => {
  it('names the assistant and quotes the message it acted on', () => {
    expect(byWhom('model', 'open the spotify change password page')).toBe('The assistant, from your message «open the spotify change password page»');
    expect(byWhom('user', null)).toBe('You (a button, shortcut or the palette)');
    expect(byWhom('model', 'x'.repeat(300))).toMatch(/…»$/);
  });
});
