// Deterministic routing: a keyword/rule classifier decides where a question goes before any model sees it.
import type { ActionName } from '../permissions';
import type { FindingKind } from '../vault';

export type VaultTopic = FindingKind | 'count' | 'fix_first' | 'overview';

export type Intent =
  | { route: 'vault'; topic: VaultTopic; action?: ActionName }
  | { route: 'knowledge'; action?: ActionName }
  | { route: 'chat'; action?: ActionName }
  | { route: 'refuse'; why: 'off_topic' | 'harmful' };

const has = (q: string, re: RegExp) => re.test(q);

// Order matters: the first matching topic wins ("reused weak passwords" asks about reuse).
const TOPICS: [VaultTopic, RegExp][] = [
  ['fix_first', /\b(fix|tackle|address|handle|do|start)\b.{0,30}\b(first|next|priorit\w*)\b|\bpriorit\w*\b|\bmost (urgent|important|critical|dangerous)\b|\bbiggest (risk|problem|issue)s?\b|\bwhere (should|do) i start\b|\bworst\b/],
  ['reused', /\breus\w*|\bre-us\w*|\bsame password|\bshar(e|ed|ing) (a |the same )?password|\bpasswords? (that are |i )?(use|used) (on|in|for) (more than one|several|multiple)|\bused (more than once|twice|on multiple)/],
  ['exposed', /\bexpos\w*|\bbreach\w*|\bpwned\b|\bleak\w*|\bcompromis\w*|\bstolen\b|\bdata ?dumps?\b/],
  ['weak', /\bweak\w*|\bguessable\b|\beasy to (guess|crack)|\bcrackable\b|\bshort passwords?\b|\btoo (short|simple)\b|\bstrength\b|\bstrong enough\b|\bnot strong\b|\bcommon passwords?\b/],
  ['missing_2fa', /\b2fa\b|\bmfa\b|\btwo[- ]?factor|\btwo[- ]?step|\bmulti[- ]?factor|\btotp\b|\bauthenticator\b|\bone[- ]time codes?\b/],
  ['insecure_url', /\binsecure\b|\bhttp\b(?!s)|\bhttp:|\bunencrypted\b|\bnot https\b|\bwithout https\b|\bplain http\b/],
  ['duplicate', /\bduplicat\w*|\bdupes?\b|\b(entries|items|logins) (listed )?twice\b|\bsame (login|entry|account) (twice|more than once)\b/],
  ['old', /\bold\b|\bolder\b|\bstale\b|\boutdated\b|\bages?\b|\bhaven'?t (been )?chang\w*|\bnot (been )?chang\w*|\bnever chang\w*|\byears?\b|\bancient\b|\blast changed\b/],
  ['count', /\bhow many\b|\bcount\b|\bnumber of\b|\btotal\b/],
  ['overview', /\bscore\b|\bhealth\w*\b|\boverall\b|\bsummar\w*|\breport\b|\bhow (safe|secure|good|bad) (is|are) my\b|\bhow am i doing\b|\baudit\b|\bcheck my (vault|passwords|accounts)\b|\bproblems?\b|\bissues?\b|\bfindings?\b/],
];

/** Words that place the question in the user's own vault rather than in general advice. */
const MINE = /\b(my|mine|i have|do i|have i|am i|i've|i use|me)\b|\bvault\b|\bwhich (of )?(my )?(passwords|logins|accounts|entries|items|sites)\b|\b(list|show|find)( me)? (the |all )?(passwords|logins|accounts|entries|items)\b/;

const SECURITY = /\bpassword|\bpassphrase|\bpasskey|\b2fa\b|\bmfa\b|\btwo[- ]?factor|\bmulti[- ]?factor|\bauthenticat|\btotp\b|\bsms\b|\bphish|\bbreach|\bpwned|\bhack|\bsecurity|\bsecure\b|\baccount|\blogin|\bcredential|\brecovery|\bbackup codes?|\bsecurity keys?|\byubikey|\bfido|\bwebauthn|\bvault\b|\bmanager\b|\bencrypt|\bmalware|\bscam|\bsim[- ]swap|\bidentity theft|\blocked out|\bstuffing|\bbrute[- ]?force|\bmaster password|\bkeepass|\bbitwarden|\b1password|\bprivacy\b|\bhttps?\b|\bleak|\bexpos/;

const HARMFUL = /\b(hack|crack|break) into\b|\b(crack|guess|steal|get|find out|bypass)\b.{0,40}\b(someone|somebody|other people|another person|my (ex|boss|wife|husband|partner|girlfriend|boyfriend|neighbou?r|coworker|colleague)|their|his|her)\b.{0,30}\b(password|account|email|2fa|phone)|\bkeylogger\b|\bphishing (page|kit|email) (to|for|that)\b|\bwrite (a |some )?(malware|ransomware|virus)\b|\bddos\b|\bstalk/;

const OFF_TOPIC = /\b(poem|song|lyrics|recipe|weather|joke|capital of|stock|bitcoin price|sports?|football|movie|novel|essay|homework|translate|horoscope|dating|diet)\b/;

const CHAT_SMALLTALK = /^(hi|hello|hey|thanks|thank you|good (morning|evening|afternoon)|who are you|what can you do|help)\b/;

const ACTIONS: [ActionName, RegExp][] = [
  ['generate_password', /\b(generate|create|make|give me|suggest|come up with)\b.{0,30}\b(password|passphrase)\b/],
  ['snooze_finding', /\bsnooze\b|\bremind me later\b|\bhide .{0,20} for (a|\d+) (day|week|month)/],
  ['mark_resolved', /\bmark\b.{0,40}\b(resolved|fixed|done|handled)\b|\bi (have |'ve )?(already )?(fixed|resolved|changed) (it|them|that|those)\b/],
  ['rotate_password', /\b(rotate|change|reset|update|replace)\b.{0,30}\bpassword\b(?!s? (manager|rules))/],
  ['open_change_password_page', /\bopen\b.{0,40}\b(change[- ]password|password change|settings|security) page\b/],
  ['move_to_recycle_bin', /\b(delete|remove|trash|bin|get rid of)\b.{0,40}\b(entry|entries|item|login|account|duplicate)s?\b/],
  ['export_report', /\bexport\b.{0,30}\b(report|findings)\b|\bsave (the |my )?(report|findings) (to|as)\b/],
  ['copy_to_clipboard', /\bcopy\b.{0,30}\bclipboard\b/],
];

export function normalise(question: string): string {
  return question
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

export function classify(question: string): Intent {
  const q = normalise(question);
  if (has(q, HARMFUL)) return { route: 'refuse', why: 'harmful' };
  const action = ACTIONS.find(([, re]) => has(q, re))?.[0];
  const topic = TOPICS.find(([, re]) => has(q, re))?.[0];
  const mine = has(q, MINE);
  const security = has(q, SECURITY);

  if (action) {
    // An action about findings/items in the vault is a vault question; a general one ("generate a password") is chat.
    if (topic && action !== 'generate_password') return { route: 'vault', topic, action };
    if (action === 'generate_password' || action === 'copy_to_clipboard') return { route: 'chat', action };
    return { route: 'vault', topic: topic ?? 'overview', action };
  }
  if (topic === 'fix_first') return { route: 'vault', topic };
  if (topic && mine && (security || topic === 'overview' || /\b(items|entries|logins|sites|accounts)\b/.test(q))) return { route: 'vault', topic };
  if (has(q, CHAT_SMALLTALK)) return { route: 'chat' };
  if (security) return { route: 'knowledge' };
  if (has(q, OFF_TOPIC) || !topic) return { route: 'refuse', why: 'off_topic' };
  return { route: 'chat' };
}
