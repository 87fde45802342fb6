// Questions about the state of this computer ("is my laptop secure?", "do I have unencrypted ssh keys?", "is my dsik
// encryptd"): they are answered from the device-health report, not the knowledge base. General questions about the
// same topics ("should I encrypt my disk?", "how do I turn on the firewall?") stay knowledge questions, and a phone or
// tablet is not this computer.
import type { CheckId } from '../../vocabulary';
import type { Analysis } from './analysis';
import { closeTo } from './distance';
import { isKnownWord } from './vocabulary';

/** Device words, so a typo of one is read as it ("fierwall", "computr", "encryptd"). */
const WORDS = `laptop laptops computer computers machine device devices desktop workstation notebook macbook system disk disks
drive drives encrypted encryption encrypt unencrypted firewall screen screensaver lock locks locking updates update updated
upgrades patched credentials credential exports export exported downloads download documents leftover plaintext passphrase
passphrases permissions bastion folder secure protected filevault bitlocker luks`.split(/\s+/);

function normalise(word: string): string {
  if (word.length < 4 || WORDS.includes(word) || isKnownWord(word)) return word;
  return WORDS.find((w) => closeTo(word, w)) ?? word;
}

const THIS_COMPUTER = '(laptop|computer|pc|mac|macbook|machine|device|desktop|workstation|notebook|system|os|linux|ubuntu|debian|fedora|windows|box)';
const OTHER_DEVICE = /\b(phone|phones|iphone|android|tablet|ipad|smartphone|router|tv|watch|kids|childs|child)\b/;

const TOPICS: [CheckId, RegExp][] = [
  ['ssh_keys', /\bssh\b|\bid (rsa|ed25519|ecdsa)\b|\bprivate keys?\b/],
  ['disk_encryption', /\b(full disk encryption|fde|luks|dm crypt|filevault|bitlocker)\b|\b(disk|disks|drive|drives|ssd|hdd|storage|file ?system|home (folder|directory|dir)|laptop|computer|machine|pc|mac|macbook|device)\b.*\b(encrypt\w*|unencrypted)\b|\b(encrypt\w*|unencrypted)\b.*\b(disk|disks|drive|drives|ssd|hdd|storage|laptop|computer|machine|pc|mac|macbook)\b/],
  ['screen_lock', /\bscreen ?(lock|locks|locking|locked|saver)\b|\block ?screen\b|\bscreensaver\b|\bauto ?lock\w*\b|\b(lock|locks) (itself|automatically|when (i|im) (away|idle)|after)\b/],
  ['firewall', /\b(firewall|ufw|firewalld|nftables|iptables)\b/],
  ['credential_files', /\baws\b|\b(git|docker|npm|pip|pypi) (credentials|config|token|tokens)\b|\b(netrc|npmrc|pypirc|dotenv|env files?)\b|\bcredentials? files?\b|\b(api keys?|access keys?|tokens?) (in|on|lying|sitting|stored|saved)\b.*\b(files?|disk|home|computer|laptop|folder|around)\b|\bplain ?text (credentials?|tokens?|api keys?)\b/],
  ['plaintext_exports', /\b(exports?|exported|export files?|vault files?|backup files?)\b.*\b(downloads?|desktop|documents|left ?over|lying around|sitting|still (there|around)|plain ?text|unencrypted|forgot|forgotten)\b|\b(left ?over|forgotten|old|plain ?text|unencrypted) (vault |password )?(exports?|export files?)\b|\b(downloads?|desktop) (folder )?(with|has|have|contain\w*) (an? |my )?(vault|password) (export|file)/],
  ['bastion_data', /\bbastion (data|files?|folder|database|db|directory|dir|settings)\b|\bpolicy file\b/],
  ['system_updates', new RegExp(`\\b(security|system|os|software|automatic|auto|pending|unattended|kernel) (updates?|upgrades?|patches)\\b|\\b(updates?|upgrades?) (installed|install automatically|on|enabled|pending|turned on)\\b|\\b${THIS_COMPUTER} (is |are )?(up to date|updated|patched|fully patched|current)\\b|\\b(up to date|patched)\\b.*\\b${THIS_COMPUTER}\\b`)],
];

const OVERVIEW = [
  new RegExp(`\\b(my|this|our|the) ${THIS_COMPUTER}\\b.*\\b(secure|safe|protected|hardened|ok|okay|fine|healthy|health|posture|status|locked down|vulnerable|at risk|exposed|risky|good shape|in good shape)\\b`),
  new RegExp(`\\b(secure|safe|protected|hardened|check|scan|audit|test|assess|review|health|posture)\\b.*\\b(my|this|our|the) ${THIS_COMPUTER}\\b`),
  /\bdevice (health|security|posture|check|checks|status|report)\b|\bhealth of (my|this) (device|computer|laptop|machine)\b/,
];

/** "how do I…", "should I…", "why…", "what is…", "is it worth…": about the topic, not about this computer's state. */
const GENERAL = /^(how (do|can|should|would|could|to) |how to |should |why |what is |whats an? |what are |what does |explain |do i need |is it worth |tell me about |what happens )|\b(should i|worth|recommend\w*|best way|how often|good idea|is it safe to)\b/;
/** …unless the question also asks about this computer's state ("should I worry, is my disk encrypted?"). */
const STATE = /\b(do i have|have i got|are there|is there|is my|are my|does my|do my|did i leave|have i left|check my|scan my|am i)\b/;

/** Malware and break-ins are incidents and knowledge questions, not posture checks. */
const INCIDENT = /\b(hacked|infected|virus|viruses|malware|keylogger|stolen|lost|spyware|trojan|ransomware|compromised)\b/;

export interface DeviceQuestion {
  /** The check asked about, or null for the whole report. */
  check: CheckId | null;
}

export function deviceQuestion(a: Analysis): DeviceQuestion | null {
  const raw = a.tokens.map((t) => normalise(t.norm)).join(' ');
  const text = `${raw} ${a.plain}`;
  if (OTHER_DEVICE.test(raw) || INCIDENT.test(raw)) return null;
  if (GENERAL.test(a.plain) && !STATE.test(a.plain)) return null;
  const topic = TOPICS.find(([, re]) => re.test(raw));
  if (topic) return { check: topic[0] };
  if (OVERVIEW.some((re) => re.test(text))) return { check: null };
  return null;
}
