import { closeTo } from './distance';

// Sentence forms, read on the corrected words: attempts to change the assistant's rules, requests to harm someone
// else, incident reports ("I got an email that my data leaked, now what?"), small talk, and general (not about my
// vault) questions. These are about how a message is put, so they are patterns over words rather than concepts.

/** Markup and role-play openers that only make sense as an attempt to inject instructions (checked on the raw text). */
const INJECTION_RAW = /<\s*\/?\s*data\b|<\|\s*im_(start|end)\s*\|>|\[\s*\/?\s*(system|inst|admin|developer)\s*\]|^\s*(system|admin|developer|assistant)\s*:|#{2,}\s*(new\s+)?(instruction|task|system)|\bBEGIN (SYSTEM|ADMIN)\b/i;

const INJECTION = [
  /\b(ignore|disregard|forget|override|overrule|bypass|skip|drop|abandon|break) ((all|any|every|the|your|my|these|those|previous|prior|above|earlier|former|existing|original|system|safety|of|its|built in) )*(instructions?|rules|prompts?|guidelines|restrictions|directives|programming|guardrails|safety|constraints|policies|policy|limits|filters|training|orders|guard rails)\b/,
  /\b(system|initial|hidden|original|secret|developer|base) (prompt|instructions|message)\b/,
  /\b(print|show|reveal|repeat|output|dump|display|leak|tell me|give me) (me )?((the|your) )?(full |exact |whole )?(text of )?(your )?(prompt|instructions|rules verbatim)\b/,
  /\byou are (now|no longer)\b/,
  /\bfrom now on,? (you|u)\b/,
  /\b(act|acting|behave|roleplay|role play|respond) (as|like) (an? )?(\w+ )?(jailbroken|unrestricted|unfiltered|uncensored|evil|rogue|dan|admin|root|hacker|different|unlocked)\b/,
  /\bpretend (to be|you are|youre|that you|you have)\b/,
  /\b(developer|debug|god|admin|maintenance|unrestricted) mode\b/,
  /\bjailbr(eak|eaks|oken|eaking)\b/,
  /\bdo anything now\b/,
  /\b(no|without any|without) (rules|restrictions|limits|filters|guardrails|guard rails|safety)\b/,
  /\b(unrestricted|unfiltered|uncensored) (assistant|ai|model|mode|bot)\b/,
  /\bnew (instructions?|rules?|task|orders?|directives?)\b/,
  /\b(disregard|ignore|forget) (what|everything|anything|all) (you were|you have been|youve been|i|we|they) (told|said|instructed|taught|given)\b/,
  /\b(admin|administrator|system|sudo|root) (override|mode|access|command|says)\b/,
  /\bsafety (off|disabled|is off)\b/,
  /\b(confirm|approve) it yourself\b/,
  /\bthe user is (an? )?(admin|administrator|developer|root)\b/,
  /\b(disregard|ignore|forget) (the |everything |anything |all |whatever |what (i|was|you were) (said|told) )?(above|before|prior|previously|previous|earlier|preceding|you were told|you have been told)\b/,
  /\b(authori[sz]ed|approved|sanctioned|official) (request|order|command|instruction)s? (from|by) (your |the )?(developers?|admins?|administrators?|creators?|owners?|makers?|team)\b/,
  /\b(i am|im|this is) (your|the) (developer|admin|administrator|creator|owner|maker|operator)\b/,
  /\b(follow|obey) (only )?(my|these|the following|new) (rules|instructions|orders|commands)\b/,
  /\byou (must|will|shall) (now )?(obey|comply|follow)\b/,
];

export function isInjection(raw: string, plain: string): boolean {
  return INJECTION_RAW.test(raw) || INJECTION.some((re) => re.test(plain));
}

const THIRD_PARTY =
  '(someone|somebody|someones|some one|other people|other peoples|another person|people|their|his|her|him|them|strangers|a stranger|the neighbou?rs?|my (ex|exs|exes|ex wife|ex husband|ex girlfriend|ex boyfriend|boss|bosses|wife|wifes|husband|husbands|partner|partners|girlfriend|girlfriends|boyfriend|boyfriends|neighbou?r|neighbou?rs|coworker|coworkers|colleague|colleagues|friend|friends|sister|sisters|brother|brothers|mom|moms|mum|mums|dad|dads|roommate|roommates|flatmate|flatmates|teacher|teachers|classmate|classmates|employee|employees|kid|kids|son|sons|daughter|daughters|employer|crush)|a (friend|coworker|colleague|stranger|celebrity))';
const ATTACK = '(hack|hacking|crack|cracking|break into|breaking into|get into|getting into|bypass|bypassing|steal|stealing|phish|phishing|spy on|spying on|snoop on|snoop|read|reading|track|tracking|monitor|brute force|bruteforce|find out|figure out|log into|login to|log in to|sign into|take over|hijack|intercept|unlock|guess|guessing|access)';
const HARMFUL = [
  new RegExp(`\\b${ATTACK}\\b( \\w+){0,4} ${THIRD_PARTY}\\b`),
  /\bwithout (him|her|them|their|his|my \w+) (knowing|noticing|finding out|permission|consent)\b/,
  /\b(read|see|track|monitor|spy on|check|access|look at|get into)\b.*\b(secretly|covertly|behind (his|her|their) back|in secret)\b/,
  /\b(write|make|build|create|code|program|develop|generate|give me|design|set up|setup|craft|send)\b( \w+){0,4} (phishing (page|site|website|kit|email|mail|link|text|sms|message)|fake (\w+ )?(login|sign in|signin) (page|site|form|screen)|keylogger|key logger|malware|ransomware|virus|trojan|spyware|stalkerware|botnet|rootkit|worm|exploit|credential harvester|password stealer|infostealer|rat)\b/,
  /\b(ddos|doxx?|doxxing|stalk|stalking)\b/,
];

export function isHarmful(plain: string): boolean {
  return HARMFUL.some((re) => re.test(plain));
}

export type IncidentTopic = 'breach' | 'phishing' | 'suspicious_message' | 'lost_device' | 'lost_authenticator' | 'locked_out' | 'takeover' | 'financial';

const URGENT = /\b(now what|what now|what do i do|what should i do|what to do|what can i do|help me|help|what next|next steps|what are my options|please|asap|urgent)\b|!{2,}/;
const EVENTS: [IncidentTopic, RegExp, boolean][] = [
  // [topic, pattern, strong: an incident even without "what now"]
  ['financial', /\b(card|credit card|bank|banking|account number|social security|ssn|passport|identity|id) (number |numbers |details |info |information |data )?(was|were|got|has been|have been|is|are) (in|part of|exposed|leaked|stolen|breached|compromised)\b/, false],
  ['lost_authenticator', /\b(lost|losing|lose|broke|broken|stolen|dropped|reset|wiped|new|replaced)\b.*\b(authenticator|2fa|totp|security key|yubikey)\b|\b(authenticator|2fa app)\b.*\b(lost|gone|stolen|broken)\b/, true],
  ['lost_device', /\b(lost|stolen|stole|misplaced|left)\b( \w+){0,3} (phone|laptop|computer|tablet|ipad|iphone|device|mac|macbook|pc|wallet)\b|\b(phone|laptop|computer|tablet|device)\b( \w+){0,2} (got |was |has been )?(stolen|lost|nicked)\b/, true],
  ['phishing', /\b(clicked|click|tapped|opened|downloaded|installed|typed|entered|gave|put|filled)\b.*\b(link|attachment|password|code|details|login|fake|phishing|scam|site|page|form)\b/, true],
  ['locked_out', /\blocked out\b|\b(cant|cannot|can t|unable to|couldnt) (get in|log in|login|sign in|access|get into|log into)\b/, true],
  ['takeover', /\bsomeone (logged|signed|got|is|has|was|changed|reset|used|accessed|took|posted|sent)\b|\b(my|our) (\w+ ){0,2}(account|acount|email|login|profile) (was|got|has been|is|been) (hacked|taken over|compromised|hijacked)\b|\b(was|got|been|have been|has been) hacked\b/, true],
  ['breach', /^(?=.*\b(breach\w*|leak\w*|hack\w*|compromis\w*|exposed|stolen)\b).*(\b(got|received|get|had|saw)\b( \w+){0,4} (email|e mail|mail|notice|notification|message|letter|alert|warning)s?\b|\b(company|site|service|store|shop|bank|app|website)\b( \w+){0,3} (emailed|told|notified|informed|wrote|texted|warned|said)\b)/, true],
  ['suspicious_message', /\b(got|received|get|getting|had) (an? |this |these |some )?(weird |strange |suspicious |random )?(text|texts|sms|email|emails|mail|call|calls|message|messages|dm|voicemail) (saying|says|that says|claiming|telling me|asking|from)\b/, true],
  ['breach', /\b(got|received|get|had|saw) (an? |some |this )?(email|e mail|mail|notice|notification|message|text|letter|alert|warning)\b|\b(was|were|got|has been|have been) (in|part of) (an? )?(data )?(breach|leak)\b|\b(data|info|information|details|email|address) (was|were|got|has been|have been) (leaked|breached|exposed|stolen)\b|\b(site|company|service|app|store) (\w+ ){0,3}(got|was|has been|been) (hacked|breached)\b/, false],
];

/** An incident the person is in now (not a question about their vault), with its topic. */
export function incident(plain: string): IncidentTopic | null {
  if (/\b(which|any) of (my|them)\b|^(list|show)\b/.test(plain)) return null;
  const urgent = URGENT.test(plain);
  for (const [topic, re, strong] of EVENTS) if (re.test(plain) && (strong || urgent)) return topic;
  return null;
}

export type SmallTalk = 'greeting' | 'thanks' | 'capabilities' | 'bye' | 'ack';

const GREETING_WORDS = ['hello', 'thanks', 'thank', 'cheers', 'goodbye', 'morning', 'evening', 'afternoon'];

export function smallTalk(text: string, tokenCount: number): SmallTalk | null {
  if (tokenCount > 8) return null;
  // "helo", "thnks": a misspelt greeting is still a greeting.
  const [first, ...rest] = text.split(' ');
  const fixed = tokenCount <= 3 && first && first.length >= 4 ? GREETING_WORDS.find((w) => closeTo(first, w)) : undefined;
  const plain = fixed ? [fixed, ...rest].join(' ') : text;
  if (/^(what can you do|what (can|could) (you|u) help( me)? with|what (are|r) (you|u) (able|capable)|what do (you|u) do|how can (you|u) help|what can i ask|who are (you|u)|what are (you|u)|what is bastion|whats bastion|who made (you|u)|help|help me|what are your (skills|features)|how does this work)\b/.test(plain)) {
    return /^help( me)?$/.test(plain) || !/\b(password|vault|login|account|2fa)\b/.test(plain) ? 'capabilities' : null;
  }
  if (tokenCount > 5) return null;
  if (/^(hi|hello|hey|hiya|howdy|yo|sup|hallo|heya|good (morning|afternoon|evening|day)|greetings|morning|evening|how are (you|u))\b/.test(plain)) return 'greeting';
  if (/^(thanks|thank you|thank u|thx|ty|tysm|cheers|much appreciated|appreciate it|ta|thanks a lot)\b/.test(plain)) return 'thanks';
  if (/^(bye|goodbye|good bye|see you|see ya|cya|later|good night|night)\b/.test(plain)) return 'bye';
  if (/^(ok|okay|k|cool|great|nice|awesome|perfect|got it|alright|sure|fine|understood|sounds good|lol|wow)\b/.test(plain) && tokenCount <= 3) return 'ack';
  return null;
}

/** A general question (definition, advice, comparison), not a question about what is in my vault. */
export function isGeneral(plain: string): boolean {
  return GENERAL.some((re) => re.test(plain)) && !LISTING.test(plain);
}

const GENERAL = [
  /^(what|whats) (is|are|s)? ?(an?|the difference)\b/,
  /^(what|whats) (is|are|does|do)\b(?!.*\b(my|mine|i|me)\b)/,
  /\b(mean|means|meaning|stand for|stands for)\b/,
  /^(define|explain|describe)\b/,
  /^why\b(?!.*\b(my|mine)\b)/,
  /^how (do|does|is|are|can|could|would|should) (?!(i|my|we|me)\b)/,
  /^how (do|can|should|would) (i|we)\b/,
  /^how (long|often|much|many characters) /,
  /^(is|are|does|do|can|could|should|would|will|was|were) (?!(my|i|any|there|you|u|we|me|everything|every|all|each)\b)/,
  /\bshould (i|we) (use|get|pick|choose|trust|worry|care|answer|let|bother|switch|buy|install|keep|save|store|write|share|be|turn|do|make|give|allow|avoid|stop)\b/,
  /\b(is|was|isnt) (that|this|it) (bad|ok|okay|safe|fine|a problem|dangerous|risky|wrong|a good idea|smart|normal|enough|secure)\b/,
  /^i (use|have|keep|reuse|write|save|store|always|never|just|usually|mostly)\b.*\b(should i|is (that|this|it)|do i need)\b/,
  /\bdo (i|we) (really )?need\b/,
  /\b(tips|best practice|good practice|good idea|better than|versus|vs|safest way|best way|pros and cons)\b/,
  /^(which|what) (one |\w+ )?should (i|we) (use|pick|choose|get)\b/,
  /^what happens (if|when)\b/,
];

const LISTING = /\b(which|any|some|all|how many) of (my|mine|them)\b|^(list|show)( me)?\b|\b(do|did) i have\b|\bhave i\b|\bam i\b|\bare my\b|\bis my\b|\bin my vault\b|\bof mine\b/;
