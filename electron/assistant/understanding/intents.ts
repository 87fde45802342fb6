// The decision: one intent per message, in a fixed order of precedence. Safety first (injection, harm, secrets),
// then what the conversation so far makes of a follow-up, then requests, incidents, named items, vault questions,
// small talk, knowledge — and only what none of these claims, and the knowledge base cannot answer, is out of scope.
import type { FindingKind } from '../../vault';
import { analyse, type Analysis } from './analysis';
import { deviceQuestion } from './device';
import { incident, isGeneral, isHarmful, isInjection, smallTalk, type IncidentTopic } from './forms';
import type { ItemIndex } from './items';
import { findingKind } from './kinds';
import { actionRequest, previousRef } from './requests';
import { retrievalQuery } from './retrieval';
import type { ConversationState, Intent } from './types';

/** BM25 of the best built-in article above which a question counts as one the knowledge base answers (tuned on dev). */
export const KB_THRESHOLD = 4;

export interface Understanding {
  intent: Intent;
  /** The intent came from the conversation ("why?", "open the first one"). */
  followUp: boolean;
  analysis: Analysis;
}

const SECURITY_WORDS =
  /\b(emails?|fake|suspicious|spoof\w*|impersonat\w*|attachments?|links?|phish\w*|scam\w*|malware|virus\w*|antivirus|ransomware|spyware|keylogger|vpns?|encrypt\w*|security|secure|privacy|private|passkeys?|yubikeys?|fido\w*|webauthn|sim|swap\w*|smishing|vishing|spam|fraud\w*|identity|theft|attack\w*|firewall|router|updates?|patch\w*|backups?|recovery|recover|locked|lockout|email|sso|single sign on|oauth|tracking|cookies?|extensions?|browsers?|screen lock|biometric\w*|fingerprint|face id|bastion|typosquat\w*|lookalike|domains?|infostealer|hotspot|network)\b/;
const OFF_TOPIC =
  /\b(poem|poems|song|songs|lyrics|recipe|recipes|dinner|lunch|breakfast|cook|cooking|bake|weather|rain|snow|forecast|joke|jokes|capital|everest|tall|stock|stocks|bitcoin price|football|soccer|basketball|sport|sports|match|movie|movies|film|films|novel|essay|homework|maths|math|translate|translation|horoscope|dating|diet|weight|calories|workout|holiday|vacation|restaurant|pizza|game of thrones|celebrity|president|election|history|revolution|buy|buying|purchase|book|books|price|prices|cheap|deal|deals|shopping list)\b/;

const SECURITY_CONCEPTS = ['PASSWORD', 'PASSPHRASE', 'PWMANAGER', 'MASTERPW', 'TWOFA', 'EXPOSED', 'HACKED', 'HTTP', 'HTTPS', 'WIFI', 'SECRET', 'CRACK', 'REUSE', 'WEAK', 'VAULT', 'LOGIN', 'SECURITYKEY', 'MALWARE'] as const;

export function understand(text: string, items: ItemIndex, state: ConversationState | null): Understanding {
  const a = analyse(text, items);
  const done = (intent: Intent, followUp = false): Understanding => ({ intent, followUp, analysis: a });
  const p = a.plain;
  const loginIds = new Set([...items.items.values()].filter((i) => i.kind === 'login').map((i) => i.id));
  const mentioned = [...new Set(a.mentions.flatMap((m) => m.itemIds))];
  const logins = mentioned.filter((id) => loginIds.has(id));

  if (isInjection(text, p)) return done({ name: 'injection' });
  if (isHarmful(p)) return done({ name: 'harmful' });
  if (isSecretRequest(a, mentioned, loginIds)) return done({ name: 'secret_request', itemIds: mentioned });

  const talk = smallTalk(p, a.tokens.length);
  if (talk) return done({ name: 'small_talk', what: talk });

  if (state) {
    const f = followUp(a, state, logins);
    if (f) return done(f, true);
  } else if (a.tokens.length <= 4 && asksWhy(p)) {
    // "why?" with nothing before it: say what it can explain, rather than refuse it as off-topic.
    return done({ name: 'explain' });
  }

  const spec = actionRequest(a, loginIds);
  if (spec) return done({ name: 'action', spec });

  const topic = incident(p);
  if (topic) return done({ name: 'advice', topic, query: adviceQuery(topic, retrievalQuery(a)) });

  // This computer's state is the device report's to answer, before vault kinds ("unencrypted" is also an http:// word).
  const device = deviceQuestion(a);
  if (device) return done({ name: 'device', check: device.check });

  const kind = findingKind(a);
  if (logins.length) return done({ name: 'item_status', itemIds: logins, focus: kind });

  const general = isGeneral(p);
  if (!general) {
    if (kind) return done({ name: 'finding', kind, scoped: false });
    const vault = vaultQuestion(a);
    if (vault) return done(vault);
  }

  const security = SECURITY_CONCEPTS.some((c) => a.concepts.has(c)) || SECURITY_WORDS.test(p);
  if (security || (a.kb.score >= KB_THRESHOLD && !OFF_TOPIC.test(p))) return done({ name: 'knowledge', query: retrievalQuery(a) });
  return done({ name: 'out_of_scope' });
}

function isSecretRequest(a: Analysis, mentioned: string[], loginIds: Set<string>): boolean {
  const has = (c: Parameters<Analysis['concepts']['has']>[0]) => a.concepts.has(c);
  const p = a.plain;
  const nonLogin = mentioned.some((id) => !loginIds.has(id));
  const noun = has('PASSWORD') || has('SECRET') || has('MASTERPW') || (has('CODE') && (has('TWOFA') || mentioned.length > 0)) || nonLogin || (has('TWOFA') && /\bcodes?\b/.test(p));
  if (!noun) return false;
  if (/\b(get|have) (my |the )?(\w+ ){0,2}(password|pw|pwd|passcode) back\b|\brecover (my |the )?(\w+ ){0,2}(password|pw|pwd)\b/.test(p) && !has('MASTERPW')) return true;
  if (has('MASTERPW') && /\b(forgot|forgotten|lost|reset|recover|remember)\b/.test(p)) return false;
  const reveal = has('SHOW') || has('COPY') || /\b(export|download|dump|need|want|get|grab|look up|lookup)\b/.test(p) || /\bwhat (password|pw|pwd|pin|code)\b/.test(p) || /\b(password|pw) (is|was) it\b/.test(p);
  if (!reveal) return false;
  const mine = has('MY') || mentioned.length > 0 || /\bthe\b/.test(p) || has('EVERY') || /\bi (use|used)\b/.test(p);
  if (!mine) return false;
  // Questions about passwords rather than requests for one.
  // A 2FA *code* is the secret asked for, not a question about 2FA.
  const kind = findingKind(a);
  if ((kind && !(kind === 'missing_2fa' && /\bcodes?\b/.test(p))) || has('CHANGE') || has('COUNT') || has('PWMANAGER') || has('PASSPHRASE') || has('REPORT') || has('OVERVIEW') || has('FIRST')) return false;
  if (/\b(generate|generated|create|make|new|random|suggest|come up with|strong|good|best|safe|secure|long|length|rules|policy|tips|about|how|why|which|should|hint|hints|state|status|health|condition|situation|overall|score|shape)\b/.test(p)) return false;
  return true;
}

function vaultQuestion(a: Analysis): Intent | null {
  const has = (c: Parameters<Analysis['concepts']['has']>[0]) => a.concepts.has(c);
  const p = a.plain;
  const thing = has('LOGIN') || has('ENTRY') || has('PASSWORD') || has('VAULT') || has('SITE') || has('REPORT');
  if (has('COUNT') && thing) return { name: 'count' };
  const first = has('FIRST') && previousRef(a) === null;
  if (first || /\btop (\d+|three|five|ten) |\btop (things|issues|problems|priorities|fixes)\b|\bwhere (do|should|can) i (even )?(start|begin)\b|\bwhat (should i do )?next\b|\bwhat needs (attention|fixing|doing|work)\b|\bwhat (should|do|must) i (need to )?(fix|do|change|sort out)\b/.test(p)) return { name: 'fix_first' };
  if (has('OVERVIEW')) return { name: 'overview' };
  if (/\bwhats? (is )?wrong with (my|the|our) (vault|passwords?|logins?|accounts?)\b|^(any|what) (problems?|issues?|findings?)\b|\b(problems?|issues?) with my (vault|passwords|logins|accounts)\b/.test(p)) return { name: 'overview' };
  if (/^(list|show)( me)? (all )?(of )?(my |the )?(logins|accounts|entries|items)\b/.test(p)) return { name: 'count' };
  if (/\bhow (secure|safe|bad|good|healthy|strong|protected) (is|are) (my|our|the) /.test(p) && thing) return { name: 'overview' };
  if (/\b(check|scan|audit|analyse|analyze|review|assess|rate|grade)\b/.test(p) && (has('VAULT') || ((has('MY') || has('I')) && thing))) return { name: 'overview' };
  return null;
}

const FIX_ARTICLE: Record<FindingKind, string> = {
  reused: 'how to fix a reused password',
  weak: 'how to fix a weak password',
  exposed: 'how to fix an exposed password',
  insecure_url: 'how to fix an insecure login URL',
  missing_2fa: 'how to fix two-factor authentication not enabled',
  duplicate: 'how to fix duplicate vault entries',
  old: 'how to fix an old password',
};

export function fixQuery(kind: FindingKind): string {
  return FIX_ARTICLE[kind];
}

/** "why?", "how come?", "what does that mean?": a question about the previous answer. */
function asksWhy(p: string): boolean {
  return /^(why|how come|explain|what do you mean|what does that mean|why so|whats wrong with (it|that|them)|what is wrong with (it|that|them)|why is (that|it|this)|why are (they|those|these))\b/.test(p);
}

function followUp(a: Analysis, state: ConversationState, logins: string[]): Intent | null {
  const p = a.plain;
  const short = a.tokens.length <= 8;
  if (short && asksWhy(p)) return { name: 'explain' };
  const kindNow = findingKind(a);
  if (state.intent === 'device' && /\bhow (do|can|should|would) (i|we|you) (fix|sort|solve|resolve|deal with|handle|address|repair|improve|change|turn on|enable) (it|that|this|those|them|these|things)\b|^how to fix (it|that|this|them)\b/.test(p)) {
    return { name: 'device', check: state.check ?? null };
  }
  const fixWhat = state.kind;
  if (fixWhat && /\bhow (do|can|should|would) (i|we|you) (fix|sort|solve|resolve|deal with|handle|address|repair|improve|change) (it|that|this|those|them|these|things)\b|^how to fix (it|that|this|them)\b/.test(p)) {
    return { name: 'knowledge', query: fixQuery(kindNow ?? fixWhat) };
  }
  if (kindNow && state.itemIds.length > 0 && /\b(those|them|these|they|of which|that list)\b/.test(p) && /\b(which|any|are|is|of|how many)\b/.test(p) && logins.length === 0) {
    return { name: 'finding', kind: kindNow, scoped: true };
  }
  return null;
}

const ADVICE_QUERY: Record<IncidentTopic, string> = {
  breach: 'what to do after a data breach',
  phishing: 'I clicked a phishing link or entered my password',
  lost_device: 'when a phone or laptop is lost or stolen',
  lost_authenticator: 'moving or losing your authenticator app',
  locked_out: 'locked out of an account',
  takeover: 'signs that an account has been taken over',
  suspicious_message: 'recognising phishing text message and email scams',
  financial: 'card bank or identity numbers exposed',
};

function adviceQuery(topic: IncidentTopic, plain: string): string {
  return `${ADVICE_QUERY[topic]} ${plain}`;
}
