// The shape a draft was asked for. Small models copy their prompt's layout back — a source's "[1] Title" header line,
// the engine's list of items — instead of writing the paragraph or the one- or two-sentence intro they were asked for;
// the engine already shows those lists, verbatim and correct.
import type { OutputKind } from './kinds';
import { sentences } from './text';

const LIST_LINE = /^\s*(?:[-*•]|\d+[.)])\s+\S/m;
/** A line that is only a citation marker and a title: a source's header, copied. */
const SOURCE_HEADER = /^\s*\[\d+\][ \t]+\p{L}[^\n.!?]{0,99}$/mu;
/** An intro is one or two sentences, small talk a short reply: a third is tolerated, more is the model rambling. */
const MAX_SENTENCES: Partial<Record<OutputKind, number>> = { intro: 3, chat: 3 };

export function findFormatProblem(text: string, kind: OutputKind): string | null {
  // "In short, the 4 passwords are:" leads into a list it never wrote.
  if (/[:;,–-]\s*$/.test(text)) return `the draft stops mid-way ("…${text.trim().slice(-30)}")`;
  if (SOURCE_HEADER.test(text)) return `the draft copies a source header ("${SOURCE_HEADER.exec(text)![0].trim().slice(0, 60)}")`;
  if (LIST_LINE.test(text)) return kind === 'intro' ? 'the intro lists items (the engine lists them below it)' : 'the draft is a list, not the short paragraph asked for';
  const max = MAX_SENTENCES[kind];
  const n = sentences(text).length;
  if (max !== undefined && n > max) return `the ${kind === 'intro' ? 'intro' : 'reply'} has ${n} sentences; at most ${max} fit here`;
  return null;
}
