import { z } from 'zod';
import { parseAssignments } from './parse';

// The plain-text credential files Bastion knows, each with a counter that says how many credentials the text holds.
// Counters see the text and return ONLY a number: no value, no name of a value, ever leaves this file. The text
// itself is dropped by the caller right after counting.

export interface CredentialKind {
  /** Path relative to the home folder. */
  rel: string;
  kind: string;
  count(text: string): number;
  /** What to do instead of keeping the secret in this file. */
  advice: string;
}

/** A value that only points at an environment variable (`${NPM_TOKEN}`) is not a stored secret. */
const envReference = /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/;

function countLines(text: string, re: RegExp): number {
  return text.split(/\r?\n/).filter((l) => {
    const m = re.exec(l);
    return m !== null && !envReference.test((m[1] ?? '').trim().replace(/^["']|["']$/g, ''));
  }).length;
}

const DockerConfig = z.object({
  auths: z.record(z.string(), z.object({ auth: z.string().optional(), identitytoken: z.string().optional() }).passthrough()).optional(),
});

function dockerAuths(text: string): number {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 0;
  }
  const parsed = DockerConfig.safeParse(json);
  if (!parsed.success) return 0;
  return Object.values(parsed.data.auths ?? {}).filter((a) => Boolean(a.auth) || Boolean(a.identitytoken)).length;
}

function netrcPasswords(text: string): number {
  const tokens = text.replace(/#.*$/gm, '').split(/\s+/);
  let n = 0;
  for (let i = 0; i < tokens.length - 1; i++) if (tokens[i] === 'password' && tokens[i + 1]) n++;
  return n;
}

const NETRC_ADVICE = "Remove the passwords from this file and let the tool that needs them use your OS keychain or a token it asks for.";

export function credentialKinds(windows: boolean): CredentialKind[] {
  return [
    {
      rel: '.aws/credentials',
      kind: 'AWS access keys',
      count: (t) => countLines(t, /^\s*(?:aws_secret_access_key|aws_session_token)\s*=\s*(\S.*)$/),
      advice: 'Use short-lived credentials (`aws configure sso`, or a credential_process helper) instead of long-lived keys in ~/.aws/credentials.',
    },
    {
      rel: '.git-credentials',
      kind: 'Git passwords and tokens (credential store)',
      count: (t) => countLines(t, /^\s*[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:([^\s@/]+)@/i),
      advice: 'Switch Git to a keychain helper (`git config --global credential.helper libsecret`, `osxkeychain` or `manager`), then delete ~/.git-credentials.',
    },
    { rel: windows ? '_netrc' : '.netrc', kind: 'netrc passwords', count: netrcPasswords, advice: NETRC_ADVICE },
    {
      rel: '.docker/config.json',
      kind: 'Docker registry logins',
      count: dockerAuths,
      advice: 'Set a credential store in ~/.docker/config.json ("credsStore": "desktop", "osxkeychain", "wincred", "pass" or "secretservice") and run `docker login` again.',
    },
    {
      rel: '.npmrc',
      kind: 'npm registry tokens',
      count: (t) => countLines(t, /(?:_authToken|_auth|_password)\s*=\s*(\S.*)$/),
      advice: 'Reference an environment variable instead of the token (`//registry.npmjs.org/:_authToken=${NPM_TOKEN}`).',
    },
    {
      rel: '.pypirc',
      kind: 'PyPI passwords',
      count: (t) => countLines(t, /^\s*password\s*[=:]\s*(\S.*)$/),
      advice: 'Remove the password and use `keyring` or the TWINE_PASSWORD environment variable for uploads.',
    },
  ];
}

/** `.env` files directly in the home folder: the number of non-empty assignments. */
export const ENV_FILE = /^\.env(\..+)?$/;

export function envAssignments(text: string): number {
  return [...parseAssignments(text).values()].filter((v) => v !== '' && !envReference.test(v)).length;
}

export const ENV_ADVICE = 'Keep secrets out of .env files in your home folder: move them to your OS keychain or a secret manager, and load them only where needed.';
