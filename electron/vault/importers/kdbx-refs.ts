import type kdbxweb from 'kdbxweb';
import { LIMITS } from './limits';

// KeePass field references, `{REF:<Wanted>@<SearchIn>:<Text>}`, resolved the way KeePass's SprEngine does before any
// feature is derived ("Duplicate entry → use references" writes {REF:U@I:<uuid>} and {REF:P@I:<uuid>}):
// - Wanted: T title, U username, P password, A URL, N notes, I the UUID (32 hex digits); anything else stays literal.
// - SearchIn: T, U, P, A, N, I (the UUID's hex), O (the other, custom string fields). The target is the first entry,
//   in KeePass's search order (a group's entries, then its subgroups, depth-first; Recycle Bin included), whose field
//   contains every whitespace-separated term of Text, ignoring case. Raw values are searched, not resolved ones.
// - The target's field is compiled again with the target as context, so references chain; a reference with no target
//   stays literal, as in KeePass.
// Where KeePass silently yields "" at recursion depth 12, a cycle or a chain deeper than that is refused here
// (RefError) so the entry is skipped with a reason instead of being analysed with a made-up value.

type Entry = kdbxweb.KdbxEntry;
type Group = kdbxweb.KdbxGroup;

export class RefError extends Error {
  constructor(readonly kind: 'cycle' | 'depth') {
    super(kind === 'cycle' ? 'field reference cycle' : 'field references nested too deep');
  }
}

const STANDARD = new Set(['Title', 'UserName', 'Password', 'URL', 'Notes']);
const FIELD_OF: Record<string, string> = { T: 'Title', U: 'UserName', P: 'Password', A: 'URL', N: 'Notes' };
const REF_START = '{ref:';
/** KeePass resolves at most 20 references in one field value. */
const MAX_REFS_PER_VALUE = 20;

export function uuidHex(entry: Entry): string {
  return Buffer.from(entry.uuid.toBytes()).toString('hex').toUpperCase();
}

function raw(entry: Entry, field: string): string {
  const v = entry.fields.get(field);
  if (v === undefined) return '';
  return typeof v === 'string' ? v : v.getText();
}

const HAS_REF = /\{ref:/i;
export function hasRef(text: string): boolean {
  return HAS_REF.test(text);
}

export class RefResolver {
  private order: Entry[] | null = null;

  constructor(private readonly root: Group) {}

  /** `text` (a value of `entry`'s `field`) with every resolvable reference replaced. */
  resolve(entry: Entry, field: string, text: string): string {
    return hasRef(text) ? this.compile(entry, text, [`${uuidHex(entry)}/${field}`]) : text;
  }

  private compile(entry: Entry, text: string, stack: string[]): string {
    let str = text;
    let offset = 0;
    for (let n = 0; n < MAX_REFS_PER_VALUE; n++) {
      const start = str.toLowerCase().indexOf(REF_START, offset);
      if (start < 0) break;
      const end = str.indexOf('}', start + 1);
      if (end < 0) break;
      const full = str.slice(start, end + 1);
      const body = full.slice(REF_START.length, -1);
      const value = body.length > 4 && body[1] === '@' && body[3] === ':' ? this.lookup(body, stack) : null;
      if (value === null) {
        offset = start + 1; // not a reference KeePass resolves: it stays literal
        continue;
      }
      str = replaceAllIgnoreCase(str, full, value);
    }
    return str;
  }

  /** The wanted value of the referenced entry (compiled in its own context), or null when KeePass leaves it literal. */
  private lookup(body: string, stack: string[]): string | null {
    const wanted = body[0]!.toUpperCase();
    const scan = body[2]!.toUpperCase();
    if (!'TUPANI'.includes(wanted) || !'TUPANIO'.includes(scan)) return null;
    const target = this.find(scan, body.slice(4));
    if (!target) return null;
    if (wanted === 'I') return uuidHex(target);
    const field = FIELD_OF[wanted]!;
    const key = `${uuidHex(target)}/${field}`;
    if (stack.includes(key)) throw new RefError('cycle');
    if (stack.length >= LIMITS.maxRefDepth) throw new RefError('depth');
    const value = raw(target, field);
    return hasRef(value) ? this.compile(target, value, [...stack, key]) : value;
  }

  private find(scan: string, text: string): Entry | null {
    const terms = text.toLowerCase().split(/\s+/).filter(Boolean);
    for (const e of this.entries()) {
      const values = scan === 'I' ? [uuidHex(e)] : scan === 'O' ? others(e) : [raw(e, FIELD_OF[scan]!)];
      const lower = values.map((v) => v.toLowerCase());
      if (terms.every((t) => lower.some((v) => v.includes(t)))) return e;
    }
    return null;
  }

  private entries(): Entry[] {
    if (!this.order) {
      const out: Entry[] = [];
      const walk = (g: Group) => {
        out.push(...g.entries);
        for (const child of g.groups) walk(child);
      };
      walk(this.root);
      this.order = out;
    }
    return this.order;
  }
}

function others(e: Entry): string[] {
  const out: string[] = [];
  for (const [name] of e.fields) if (!STANDARD.has(name)) out.push(raw(e, name));
  return out;
}

function replaceAllIgnoreCase(str: string, find: string, replacement: string): string {
  const lower = str.toLowerCase();
  const needle = find.toLowerCase();
  let out = '';
  let from = 0;
  for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, from)) {
    out += str.slice(from, i) + replacement;
    from = i + find.length;
  }
  return out + str.slice(from);
}
