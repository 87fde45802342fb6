import data from '../data/two-factor-domains.json';

/** Bastion's curated list of major sites that offer TOTP/WebAuthn (electron/vault/data/two-factor-domains.json). */
export const TWO_FACTOR_DOMAINS: readonly string[] = data.domains;
