// Answers that are always the same words: refusals, the secret-request answer, help. None calls a model and none
// repeats the user's text (an injection attempt must not get its instructions echoed back).
import type { SmallTalk } from '../understanding';

export const REFUSAL = {
  off_topic: "Sorry, I can only help with password, account and online-security questions — for example \"which of my passwords are reused?\" or \"is SMS 2FA safe?\".",
  harmful: "I can't help with getting into accounts or data that aren't yours. I can help you secure your own accounts — ask me what to fix first in your vault.",
  injection:
    "I can't do that. My rules are fixed and no message can change them: I never show passwords (Bastion does not keep them), and nothing happens to your vault unless you approve it in Bastion's confirmation dialog. Ask me about your vault or about security instead.",
} as const;

export const HELP =
  'I am Bastion\'s assistant. Ask about your vault ("which passwords are reused?", "what should I fix first?", "how is my Spotify login?") or about security in general ("is SMS 2FA safe?"). I can also propose actions such as generating a password or opening a site\'s change-password page; you confirm them.';

export const SMALL_TALK: Record<SmallTalk, string> = {
  greeting: `Hello! ${HELP}`,
  thanks: "You're welcome. Ask me anything else about your passwords or accounts.",
  bye: 'Goodbye — your vault stays on this computer.',
  ack: 'OK. Anything else? For example: "what should I fix first?"',
  capabilities: HELP,
};

export const NO_SECRETS =
  'Bastion never stores or shows passwords — nor one-time codes, card numbers or the contents of notes. When it imported your vault it kept only what it needs to check them (strength, a keyed fingerprint to spot reuse, breach-list matches, dates) and threw the secret itself away.';
