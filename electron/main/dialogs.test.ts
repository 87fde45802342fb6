import { describe, expect, it } from 'vitest';
import { createDialogPort, OPEN_OPTIONS, saveOptions, type NativeDialogs } from './dialogs';

// The native pickers as the renderer's "Choose…" buttons use them: modal to the window main names, the chosen path or
// null on Cancel, and a save dialog that takes only a file name from the page (the folder is the user's documents).

function recorder(answer: string | null) {
  const calls: { kind: string; win: unknown; opts: { properties?: string[]; defaultPath?: string; title: string } }[] = [];
  const native: NativeDialogs<string> = {
    showOpenDialog: async (win, opts) => (calls.push({ kind: 'open', win, opts }), answer ? { canceled: false, filePaths: [answer] } : { canceled: true, filePaths: [] }),
    showSaveDialog: async (win, opts) => (calls.push({ kind: 'save', win, opts }), answer ? { canceled: false, filePath: answer } : { canceled: true }),
  };
  return { calls, native };
}

describe('native file pickers', () => {
  it('open: the purpose decides what may be chosen; Cancel is null', async () => {
    const r = recorder(null);
    const port = createDialogPort(r.native, () => 'main-window', { documentsDir: '/home/me/Documents' });
    expect(await port.open('vault')).toBeNull();
    expect(r.calls[0]).toMatchObject({ kind: 'open', win: 'main-window' });
    expect(OPEN_OPTIONS['knowledge-folder'].properties).toEqual(['openDirectory']);
    expect(OPEN_OPTIONS.model.filters?.[0]?.extensions).toEqual(['gguf']);
    const chosen = recorder('/home/me/v.kdbx');
    expect(await createDialogPort(chosen.native, () => 'w', { documentsDir: '/d' }).open('vault')).toBe('/home/me/v.kdbx');
  });

  it('save: only a file name comes from the page, in the documents folder', async () => {
    expect(saveOptions('report', '../../etc/cron.d/x.html', '/home/me/Documents').defaultPath).toBe('/home/me/Documents/.._.._etc_cron.d_x.html');
    expect(saveOptions('report', 'bastion-report.csv', '/d').filters[0]!.extensions).toEqual(['csv']);
    const r = recorder('/home/me/Documents/audit.jsonl');
    expect(await createDialogPort(r.native, () => 'w', { documentsDir: '/home/me/Documents' }).save('audit', 'bastion-audit.jsonl')).toBe('/home/me/Documents/audit.jsonl');
    expect(r.calls[0]!.opts.defaultPath).toBe('/home/me/Documents/bastion-audit.jsonl');
  });
});
