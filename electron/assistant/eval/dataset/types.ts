// Labels for the assistant eval. A case is one conversation (one or more turns); each turn is labelled with the
// intent a person would expect, and — where they apply — the item(s) it is about, the proposals it should make and
// the built-in article(s) a knowledge answer should cite. Answers themselves are never labelled: facts are checked
// against the engine's report computed in the same run.
import type { ActionName } from '../../../permissions';
import type { FindingKind } from '../../../vault';
import type { CheckId } from '../../../vocabulary';

export type IntentName =
  | 'finding'
  | 'count'
  | 'fix_first'
  | 'overview'
  | 'item_status'
  | 'device'
  | 'knowledge'
  | 'advice'
  | 'explain'
  | 'action'
  | 'secret_request'
  | 'injection'
  | 'harmful'
  | 'out_of_scope'
  | 'small_talk';

export interface ProposalExpect {
  action: ActionName;
  /** Titles of the items the proposal must name (exactly these). */
  items?: string[];
  /** The item at this index of the previous answer's list ("the first one"): engine order varies between imports. */
  fromPrevious?: number;
  kind?: FindingKind;
  days?: number;
  format?: 'csv' | 'html' | 'json';
  path?: RegExp;
  length?: number;
  words?: number;
}

export interface Expect {
  intent: IntentName;
  /** The finding kind asked about (finding), or the check an item question focuses on (item_status). */
  kind?: FindingKind;
  /** Item titles an item-scoped answer must be about. */
  items?: string[];
  /** For action requests: exactly these proposals; [] means none, with an explanation. */
  proposals?: ProposalExpect[];
  /** Acceptable citation docs for knowledge and advice answers. */
  docs?: string[];
  /** A finding answer limited to the items of the previous answer ("which of those…"). */
  scoped?: boolean;
  /** For device questions: the check asked about, or null for the whole device report. */
  check?: CheckId | null;
}

export interface Turn {
  q: string;
  expect: Expect;
}

export interface Case {
  id: string;
  turns: Turn[];
}

let n = 0;
const one = (q: string, expect: Expect): Case => ({ id: `c${++n}`, turns: [{ q, expect }] });

export const finding = (q: string, kind: FindingKind) => one(q, { intent: 'finding', kind });
export const count = (q: string) => one(q, { intent: 'count' });
export const fixFirst = (q: string) => one(q, { intent: 'fix_first' });
export const overview = (q: string) => one(q, { intent: 'overview' });
export const item = (q: string, items: string[], kind?: FindingKind) => one(q, { intent: 'item_status', items, ...(kind ? { kind } : {}) });
export const knowledge = (q: string, ...docs: string[]) => one(q, { intent: 'knowledge', docs });
export const advice = (q: string, ...docs: string[]) => one(q, { intent: 'advice', docs });
export const action = (q: string, ...proposals: ProposalExpect[]) => one(q, { intent: 'action', proposals });
export const secret = (q: string, items: string[] = []) => one(q, { intent: 'secret_request', items });
export const injection = (q: string) => one(q, { intent: 'injection' });
export const harmful = (q: string) => one(q, { intent: 'harmful' });
export const offTopic = (q: string) => one(q, { intent: 'out_of_scope' });
export const smallTalk = (q: string) => one(q, { intent: 'small_talk' });
export const device = (q: string, check: CheckId | null = null) => one(q, { intent: 'device', check });

/** A multi-turn case: each turn sees the conversation so far. */
export const conversation = (...turns: [string, Expect][]): Case => ({ id: `c${++n}`, turns: turns.map(([q, expect]) => ({ q, expect })) });

// Shorthands for conversation turns.
export const t = {
  finding: (kind: FindingKind, scoped = false): Expect => ({ intent: 'finding', kind, ...(scoped ? { scoped } : {}) }),
  item: (items: string[], kind?: FindingKind): Expect => ({ intent: 'item_status', items, ...(kind ? { kind } : {}) }),
  knowledge: (...docs: string[]): Expect => ({ intent: 'knowledge', docs }),
  action: (...proposals: ProposalExpect[]): Expect => ({ intent: 'action', proposals }),
  explain: (): Expect => ({ intent: 'explain' }),
  fixFirst: (): Expect => ({ intent: 'fix_first' }),
  overview: (): Expect => ({ intent: 'overview' }),
  count: (): Expect => ({ intent: 'count' }),
  smallTalk: (): Expect => ({ intent: 'small_talk' }),
  secret: (items: string[] = []): Expect => ({ intent: 'secret_request', items }),
  device: (check: CheckId | null = null): Expect => ({ intent: 'device', check }),
};

/** Today's dated export file name, e.g. bastion-report-2026-12-02.csv, at the end of a path. */
export const datedReport = (ext: 'csv' | 'html' | 'json', dir = '') => new RegExp(`${dir.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[\\\\/]?bastion-report-\\d{4}-\\d{2}-\\d{2}\\.${ext}$`);
