// Test support for docs/incidents.md: its playbooks parsed into commands with the exit code each is documented to
// give, and shell words for running a `bastion …` line in this process.

export interface PlaybookCommand {
  /** The command as written, without its `# exit N` note. */
  line: string;
  exit: number;
}

export interface Playbook {
  id: string;
  title: string;
  commands: PlaybookCommand[];
}

const MARKER = /^<!-- playbook: ([a-z0-9-]+) -->$/;
const EXIT_NOTE = /^(.*?)\s+#\s*exit (\d+)\b.*$/;

/** Sections start at `<!-- playbook: ID -->`; every line of their ```sh blocks is a command that must note its exit. */
export function parsePlaybooks(markdown: string): Playbook[] {
  const out: Playbook[] = [];
  let current: Playbook | null = null;
  let inBlock = false;
  for (const raw of markdown.split('\n')) {
    const line = raw.trimEnd();
    const marker = MARKER.exec(line);
    if (marker) {
      current = { id: marker[1]!, title: '', commands: [] };
      out.push(current);
      continue;
    }
    if (current && !current.title && line.startsWith('## ')) current.title = line.slice(3);
    if (line.startsWith('```')) {
      inBlock = !inBlock && line === '```sh';
      continue;
    }
    if (!inBlock || !current || !line.trim()) continue;
    const note = EXIT_NOTE.exec(line);
    if (!note) throw new Error(`docs/incidents.md, playbook "${current.id}": "${line.trim()}" has no "# exit N" note.`);
    current.commands.push({ line: note[1]!.trim(), exit: Number(note[2]) });
  }
  return out;
}

/** POSIX-shell words of one line: single and double quotes, backslash escapes, $NAME and ${NAME}; no globbing. */
export function shellWords(line: string, vars: Readonly<Record<string, string>>): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: "'" | '"' | null = null;
  const add = (s: string) => (word = (word ?? '') + s);
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else add(c);
    } else if (c === '$') {
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(line.slice(i));
      if (!m) {
        add(c);
        continue;
      }
      const name = (m[1] ?? m[2])!;
      if (!Object.hasOwn(vars, name)) throw new Error(`$${name} is used but not set`);
      add(vars[name]!);
      i += m[0].length - 1;
    } else if (c === '\\' && i + 1 < line.length) {
      add(line[++i]!);
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else add(c);
    } else if (c === "'" || c === '"') {
      quote = c;
      add('');
    } else if (c === ' ' || c === '\t') {
      if (word !== null) words.push(word);
      word = null;
    } else {
      add(c);
    }
  }
  if (quote) throw new Error(`unclosed ${quote} in: ${line}`);
  if (word !== null) words.push(word);
  return words;
}
