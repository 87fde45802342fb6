import { describe, expect, it } from 'vitest';
import { COMMANDS, commandForKey, filterCommands } from './commands';

const key = (k: Partial<{ key: string; code: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }>) => ({ key: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...k });

describe('commands', () => {
  it('every shortcut is unique and every command is findable in the palette', () => {
    const shortcuts = COMMANDS.map((c) => c.shortcut).filter(Boolean);
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
    for (const c of COMMANDS) expect(filterCommands(c.title).map((x) => x.id)).toContain(c.id);
  });
  it('matches Ctrl on Linux/Windows and Cmd on macOS', () => {
    expect(commandForKey(key({ key: 'k', code: 'KeyK', ctrlKey: true }), false)?.id).toBe('palette');
    expect(commandForKey(key({ key: 'k', code: 'KeyK', metaKey: true }), true)?.id).toBe('palette');
    expect(commandForKey(key({ key: 'k', code: 'KeyK', metaKey: true }), false)).toBeUndefined();
    expect(commandForKey(key({ key: 'k', code: 'KeyK' }), false)).toBeUndefined();
  });
  it('matches Alt+Shift letters by physical key (layouts change e.key)', () => {
    expect(commandForKey(key({ key: '®', code: 'KeyR', altKey: true, shiftKey: true }), false)?.id).toBe('vault.reused');
    expect(commandForKey(key({ key: 'R', code: 'KeyR', shiftKey: true }), false)).toBeUndefined();
  });
  it('filters by every word', () => {
    expect(filterCommands('verify audit').map((c) => c.id)).toEqual(['audit.verify']);
    expect(filterCommands('zzz')).toEqual([]);
  });
});
