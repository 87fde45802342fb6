import { useEffect, useRef, useState } from 'react';
import { runCommand, isMac } from '../../app/run-command';
import { displayShortcut, filterCommands } from '../../lib/commands';
import { useModalDialog } from '../../lib/dialog';
import { useApp } from '../../store/app';

/** Ctrl/Cmd+K: every command with its shortcut; arrows move, Enter runs, Escape closes. */
export function CommandPalette() {
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLDialogElement>(null);
  const list = filterCommands(q);
  useModalDialog(ref);
  useEffect(() => {
    setActive(0);
  }, [q]);
  const close = () => useApp.getState().setPalette(false);
  const activeId = list[active] ? `cmd-${list[active]!.id}` : undefined;
  return (
    <dialog ref={ref} className="palette" aria-label="Command palette" onCancel={(e) => (e.preventDefault(), close())}>
      <label htmlFor="palette-input" className="sr-only">
        Type a command
      </label>
      <input
        id="palette-input"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={activeId}
        aria-autocomplete="list"
        value={q}
        placeholder="Type a command…"
        autoComplete="off"
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') (e.preventDefault(), setActive((a) => Math.min(a + 1, list.length - 1)));
          else if (e.key === 'ArrowUp') (e.preventDefault(), setActive((a) => Math.max(a - 1, 0)));
          else if (e.key === 'Enter' && list[active]) (e.preventDefault(), void runCommand(list[active]!.id));
        }}
      />
      <ul id="palette-list" role="listbox" aria-label="Commands">
        {list.map((c, i) => (
          <li key={c.id} id={`cmd-${c.id}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onClick={() => void runCommand(c.id)}>
            <span>
              {c.title}
              {c.action && <span className="badge">action</span>}
            </span>
            <span className="muted">
              {c.group} {c.shortcut && <kbd>{displayShortcut(c.shortcut, isMac)}</kbd>}
            </span>
          </li>
        ))}
        {list.length === 0 && <li className="muted">No command matches.</li>}
      </ul>
    </dialog>
  );
}
