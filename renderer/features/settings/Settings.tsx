import { useEffect, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { EgressEntry, PolicyStatusT, SettingsT } from '../../../electron/ipc/contract';
import { COMMANDS, displayShortcut } from '../../lib/commands';
import { isMac } from '../../app/run-command';
import { call, messageOf } from '../../lib/ipc';
import { exactTime, relativeTime, timeOf } from '../../lib/time';
import { PathField } from '../import/PathField';
import { useApp } from '../../store/app';
import { ModelList } from './ModelList';
import { PolicyPanel } from './PolicyPanel';
import { WhatBastionKeeps } from './WhatBastionKeeps';

export function Settings() {
  const settings = useApp((s) => s.settings);
  const [policy, setPolicy] = useState<PolicyStatusT | null>(null);
  const [egress, setEgress] = useState<z.output<typeof EgressEntry>[]>([]);
  const [hotkey, setHotkey] = useState(settings?.hotkey ?? '');
  const [folder, setFolder] = useState('');
  const [wipeText, setWipeText] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [wipes, setWipes] = useState(0);

  useEffect(() => {
    call('policy:status', {}).then(setPolicy, () => undefined);
    call('egress:log', {}).then(setEgress, () => undefined);
    call('settings:get', {}).then((s) => (useApp.getState().setSettings(s), setHotkey(s.hotkey)), () => undefined);
  }, []);

  const save = async (patch: Partial<SettingsT>, ok: string) => {
    try {
      const r = await call('settings:set', patch);
      useApp.getState().setSettings(r.settings);
      setNote(r.hotkeyConflict ? `Hotkey not changed: ${r.hotkeyConflict}` : ok);
    } catch (e) {
      setNote(messageOf(e));
    }
  };
  const addFolder = async (e: FormEvent) => {
    e.preventDefault();
    const p = folder.trim();
    if (!p || !settings) return;
    try {
      await call('kb:add', { paths: [p] });
      await save({ knowledgeFolders: [...settings.knowledgeFolders, p] }, `Indexed ${p}.`);
      setFolder('');
    } catch (err) {
      setNote(messageOf(err));
    }
  };
  const wipe = async () => {
    try {
      const r = await call('settings:wipe', { confirm: 'WIPE' });
      setNote(`Removed local data (${r.removed.length} tables); kept: ${r.kept.join(', ')}.`);
      setWipeText('');
      setWipes((n) => n + 1);
      await useApp.getState().refreshHealth();
    } catch (e) {
      setNote(messageOf(e));
    }
  };

  return (
    <section aria-labelledby="settings-title" className="settings">
      <h1 id="settings-title" tabIndex={-1}>
        Settings
      </h1>
      {note && (
        <p role="status" className="note">
          {note}
        </p>
      )}
      {policy && <PolicyPanel policy={policy} />}
      <section aria-labelledby="models-h" className="panel">
        <h2 id="models-h">Models</h2>
        <ModelList />
      </section>
      {settings && (
        <>
          <section aria-labelledby="general-h" className="panel">
            <h2 id="general-h">General</h2>
            <p className="row">
              <label htmlFor="theme">Theme</label>
              <select id="theme" value={settings.theme} onChange={(e) => {
                const theme = e.target.value as SettingsT['theme'];
                if (theme !== 'system') useApp.getState().setTheme(theme);
                void save({ theme }, 'Theme saved.');
              }}>
                <option value="system">Follow the system</option>
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            </p>
            <p className="row">
              <input id="history" type="checkbox" checked={settings.historyEnabled} onChange={(e) => void save({ historyEnabled: e.target.checked }, e.target.checked ? 'Chat history on.' : 'Chat history off.')} />
              <label htmlFor="history">Keep chat history on this computer</label>
            </p>
          </section>
          <section aria-labelledby="keys-h" className="panel">
            <h2 id="keys-h">Shortcuts</h2>
            <form className="row" onSubmit={(e) => (e.preventDefault(), void save({ hotkey: hotkey.trim() }, 'Hotkey saved.'))}>
              <label htmlFor="hotkey">Global quick-ask hotkey</label>
              <input id="hotkey" value={hotkey} onChange={(e) => setHotkey(e.target.value)} />
              <button type="submit">Save hotkey</button>
            </form>
            <p className="row">
              <input id="hotkey-on" type="checkbox" checked={settings.hotkeyEnabled} onChange={(e) => void save({ hotkeyEnabled: e.target.checked }, 'Saved.')} />
              <label htmlFor="hotkey-on">Enable the global hotkey</label>
            </p>
            <table className="keymap">
              <caption>Keyboard map</caption>
              <thead>
                <tr>
                  <th scope="col">Command</th>
                  <th scope="col">Shortcut</th>
                </tr>
              </thead>
              <tbody>
                {COMMANDS.filter((c) => c.shortcut).map((c) => (
                  <tr key={c.id}>
                    <td>{c.title}</td>
                    <td>
                      <kbd>{displayShortcut(c.shortcut, isMac)}</kbd>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="kb-h" className="panel">
            <h2 id="kb-h">Knowledge folders</h2>
            <ul>
              {settings.knowledgeFolders.map((f) => (
                <li key={f} className="mono">
                  {f}
                </li>
              ))}
              {settings.knowledgeFolders.length === 0 && <li className="muted">None: only the built-in articles are searched.</li>}
            </ul>
            <form className="stack" onSubmit={(e) => void addFolder(e)}>
              <PathField id="kb-folder" label="Folder of documents" purpose="knowledge-folder" value={folder} onChange={setFolder} />
              <div className="buttons">
                <button type="submit" disabled={!folder.trim()}>
                  Add to knowledge
                </button>
              </div>
            </form>
          </section>
        </>
      )}
      <WhatBastionKeeps key={wipes} />
      <section aria-labelledby="egress-h" className="panel">
        <h2 id="egress-h">Network activity (egress log)</h2>
        {egress.length === 0 ? (
          <p className="muted">No network requests recorded. Bastion only connects when you download a model.</p>
        ) : (
          <ul className="small">
            {egress.map((e, i) => {
              const ms = timeOf(e.time);
              return (
                <li key={i}>
                  <span title={ms === null ? undefined : exactTime(ms)}>{ms === null ? '' : relativeTime(ms, Date.now())}</span> {e.blocked ? 'Blocked' : 'Allowed'}: {e.url}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="wipe-h" className="panel danger-zone">
        <h2 id="wipe-h">Delete local data</h2>
        <p>Removes everything listed under What Bastion keeps at once: imported vault data, indexes, history and settings. The audit log is kept.</p>
        <p className="row">
          <label htmlFor="wipe-confirm">Type WIPE to confirm</label>
          <input id="wipe-confirm" value={wipeText} onChange={(e) => setWipeText(e.target.value)} autoComplete="off" />
          <button type="button" className="danger" disabled={wipeText !== 'WIPE'} onClick={() => void wipe()}>
            Delete local data
          </button>
        </p>
      </section>
    </section>
  );
}
