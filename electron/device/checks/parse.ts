// Parsers for the small text formats the checks read: INI files (KDE, git-style), `reg query` output and
// shell-style KEY=value files (ufw.conf, user-dirs.dirs, .env). They return names and values as text; callers decide
// what to keep (credential checks keep only names and counts).

/** INI: section → key → value. Keys before any section go under ''. Comments (# ;) and blank lines skipped. */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>([['', new Map()]]);
  let current = sections.get('')!;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const sec = /^\[(.+)\]$/.exec(line);
    if (sec) {
      const name = sec[1]!.trim();
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      continue;
    }
    const eq = line.search(/[=:]/);
    if (eq > 0) current.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return sections;
}

/** `reg query KEY` output: value name → data; REG_DWORD/QWORD hex turned into decimal text. */
export function parseRegQuery(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s+(\S(?:.*?\S)?)\s{2,}(REG_\w+)\s{2,}(.*)$/.exec(line) ?? /^\s+(\S(?:.*?\S)?)\s{2,}(REG_\w+)\s*$/.exec(line);
    if (!m) continue;
    const [, name, type, data = ''] = m;
    values.set(name!, /^REG_(D|Q)WORD$/.test(type!) && /^0x[0-9a-f]+$/i.test(data.trim()) ? String(parseInt(data.trim(), 16)) : data.trim());
  }
  return values;
}

/** Shell-style assignments: KEY=value, KEY="value", export KEY=value. Later ones win. */
export function parseAssignments(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!m) continue;
    let v = m[2]!.trim();
    if (/^".*"$/.test(v) || /^'.*'$/.test(v)) v = v.slice(1, -1);
    else v = v.replace(/\s+#.*$/, '');
    out.set(m[1]!, v);
  }
  return out;
}
