// The one fact a short intro can get wrong without a number or a name: whether things are fine. A 270M model wrote
// "In short, the computer is in good condition." over seven failing checks. The engine knows which it is; a draft
// that says the opposite, without a negation, is dropped.

/** Whether the engine's facts show open problems ('problems') or none ('clean'). */
export type FactState = 'problems' | 'clean';

const CLEAN_CLAIM =
  /\b(?:is|are|looks?|seems?|appears?|remains?|stays?|be)\s+(?:all\s+|very\s+|quite\s+|pretty\s+|in\s+(?:a\s+)?)?(?:good|great|fine|ok|okay|secure|safe|healthy|clean|excellent|perfect|strong|protected|solid|sound|encrypted|enabled|turned\s+on|switched\s+on|up\s+to\s+date|locked|private)\b|\bno\s+(?:problems?|issues?|findings?|risks?|weak\w*|concerns?)\b|\bnothing\s+(?:to\s+(?:fix|worry|do)|wrong)\b|\ball\s+(?:good|clear|set)\b|\bwell\s+protected\b/gi;
const PROBLEM_CLAIM = /\b(?:weak|reused|exposed|breach\w*|leak\w*|insecure|unsafe|at\s+risk|vulnerable|compromised|problems?|issues?|fail\w*|unencrypted|not\s+(?:secure|safe|encrypted|protected))\b/gi;
/** A negation just before a claim turns it around ("is not in good condition", "no weak passwords"). */
const NEGATION = /\b(?:not|no|none|never|without|isn't|isnt|aren't|arent|nothing|neither|nor|hardly)\b(?:\s+\S+){0,2}\s*$/i;

function claims(text: string, re: RegExp): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(re)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    // "no problems" is a clean claim in its own right: the negation is part of the match, not before it.
    if (!NEGATION.test(before)) out.push(m[0]);
  }
  return out;
}

export function findContradiction(text: string, state: FactState): string | null {
  if (state === 'problems') {
    const c = claims(text, CLEAN_CLAIM);
    return c.length ? `the draft says "${c[0]}", but the engine found problems` : null;
  }
  const p = claims(text, PROBLEM_CLAIM);
  return p.length ? `the draft says "${p[0]}", but the engine found nothing to fix` : null;
}
