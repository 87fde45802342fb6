import { useCallback, useEffect, useState } from 'react';
import type { DataInventoryT } from '../../../electron/ipc/contract';
import { bytesWords } from '../../lib/bytes';
import { call, messageOf } from '../../lib/ipc';
import { count } from '../../lib/progress';
import { InlineMarkdown } from '../chat/Markdown';
import { AreaActions } from './KeepActions';

// Settings → What Bastion keeps: the data inventory (`data:inventory`, generated from the schema and the stores, the
// same content as `bastion data` and docs/data-inventory.md) with this computer's sizes and counts, and beside each
// area the button that deletes it where one exists.

const AREA_TITLES: Record<string, string> = {
  vault: 'Imported vaults',
  knowledge: 'Knowledge base',
  assistant: 'Chat history',
  actions: 'Actions and proposals',
  audit: 'Audit log',
  settings: 'Settings',
  enterprise: 'Organisation policy',
  models: 'Models',
  app: 'App files',
};

interface Part {
  key: string;
  name: string;
  holds: string;
  never: string[];
  retention: string;
  remove: string;
  here: string;
  bytes: number;
}

function partsByArea(inv: DataInventoryT): Map<string, Part[]> {
  const by = new Map<string, Part[]>();
  const add = (area: string, p: Part) => by.set(area, [...(by.get(area) ?? []), p]);
  for (const t of inv.tables) {
    const rows = t.present ? `${t.rowsEstimated && t.rows > 0 ? 'about ' : ''}${count(t.rows)} row${t.rows === 1 ? '' : 's'}` : 'not created yet';
    add(t.area, { key: `t-${t.name}`, name: t.name, holds: t.holds, never: t.never, retention: t.retention, remove: t.remove, here: t.bytes === null ? rows : `${rows}, ${bytesWords(t.bytes)}`, bytes: t.bytes ?? 0 });
  }
  for (const f of inv.files) {
    const here = f.found.length === 0 ? 'none on this computer' : `${count(f.found.length)} file${f.found.length === 1 ? '' : 's'}, ${bytesWords(f.bytes)}`;
    add(f.area, { key: `f-${f.id}`, name: f.title, holds: f.holds, never: f.never, retention: f.retention, remove: f.remove, here, bytes: f.bytes });
  }
  for (const o of inv.outside) {
    const bytes = o.found.reduce((n, x) => n + x.bytes, 0);
    const here = o.found.length === 0 ? `none found (${o.where})` : `${count(o.found.length)} found, ${bytesWords(bytes)} (${o.where})`;
    add(o.area, { key: `o-${o.id}`, name: o.title, holds: o.holds, never: o.never, retention: o.retention, remove: o.remove, here, bytes });
  }
  return by;
}

export function WhatBastionKeeps() {
  const [inv, setInv] = useState<DataInventoryT | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setInv(await call('data:inventory', {}));
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section aria-labelledby="keeps-h" className="panel keeps" data-testid="what-bastion-keeps">
      <h2 id="keeps-h">What Bastion keeps</h2>
      {error && <p className="error">{error}</p>}
      {!inv && !error && <p role="status">Reading what is stored…</p>}
      {inv && <Inventory inv={inv} reload={load} />}
    </section>
  );
}

function Inventory({ inv, reload }: { inv: DataInventoryT; reload: () => Promise<void> }) {
  const areas = partsByArea(inv);
  // An area's delete buttons read their lists when it is opened, so they show what is there now.
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (area: string, isOpen: boolean) => setOpen((s) => (isOpen ? new Set([...s, area]) : new Set([...s].filter((a) => a !== area))));
  const setCount = inv.settings.filter((s) => s.set).length;
  return (
    <>
      <p>
        Everything stays on this computer, in <span className="mono">{inv.dataDir}</span> ({bytesWords(inv.totalBytes)} in all). Nothing is sent anywhere.
      </p>
      <p>
        <strong>Never kept, anywhere:</strong> {inv.neverKept.join('; ')}.
      </p>
      {(inv.undescribed.tables.length > 0 || inv.undescribed.files.length > 0) && (
        <p className="flag">
          Found here but not described: {[...inv.undescribed.tables, ...inv.undescribed.files.map((f) => f.path)].join(', ')}.
        </p>
      )}
      {[...areas].map(([area, parts]) => (
        <details key={area} className="keep-area" data-area={area} onToggle={(e) => toggle(area, e.currentTarget.open)}>
          <summary>
            <strong>{AREA_TITLES[area] ?? area}</strong>{' '}
            <span className="muted small">
              {count(parts.length)} part{parts.length === 1 ? '' : 's'}, {bytesWords(parts.reduce((n, p) => n + p.bytes, 0))}
            </span>
          </summary>
          {open.has(area) && <AreaActions area={area} onChanged={reload} />}
          <ul className="keep-parts">
            {parts.map((p) => (
              <li key={p.key}>
                <p>
                  <strong>
                    <InlineMarkdown text={p.holds} />
                  </strong>{' '}
                  <span className="part-name muted small">{p.name}</span>
                </p>
                <dl className="facts small">
                  <dt>On this computer</dt>
                  <dd>{p.here}</dd>
                  <dt>Never holds</dt>
                  <dd>{p.never.join('; ') || '—'}</dd>
                  <dt>Kept</dt>
                  <dd>
                    <InlineMarkdown text={p.retention} />
                  </dd>
                  <dt>To delete</dt>
                  <dd>
                    <InlineMarkdown text={p.remove} />
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
        </details>
      ))}
      <details className="keep-area" data-area="settings-keys">
        <summary>
          <strong>Settings, one by one</strong>{' '}
          <span className="muted small">
            {count(inv.settings.length)} settings, {count(setCount)} changed here
          </span>
        </summary>
        <ul className="keep-settings small">
          {inv.settings.map((s) => (
            <li key={s.key}>
              <span className="part-name">{s.key}</span> — {s.holds} <span className="muted">({s.managed ? 'set by your organisation' : s.set ? 'changed here' : 'default'})</span>
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}
