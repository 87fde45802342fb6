import type { Migration } from '../migration';

// Vault sources, items (derived features only — never a password, TOTP secret, card number or note body), finding
// state (exclusions, snoozes, resolved marks), the imported HIBP corpus and the strength cache.
export const m0001: Migration = {
  version: 1,
  name: 'vault',
  up(db) {
    db.exec(`
      create table vault_sources (
        id text primary key,
        path text not null unique,
        name text not null,
        format text not null,
        imported_at integer not null,
        item_count integer not null,
        login_count integer not null
      ) strict;

      create table vault_items (
        id text primary key,
        source_id text not null references vault_sources(id) on delete cascade,
        external_id text not null,
        kind text not null check (kind in ('login', 'note', 'card', 'identity')),
        title text not null,
        username text,
        urls text not null,
        site text,
        group_path text,
        created_ms integer,
        modified_ms integer,
        password_changed_ms integer,
        has_totp integer not null check (has_totp in (0, 1)),
        has_password integer not null check (has_password in (0, 1)),
        strength integer check (strength between 0 and 4),
        guesses_log10 real,
        length_class text check (length_class in ('short', 'medium', 'long', 'very_long')),
        -- HMAC-SHA-256(install fingerprint key, password): reuse detection without keeping the password.
        fingerprint blob,
        -- 0 = not found; 1 = in the shipped common-password list; 2 = in the imported HIBP corpus.
        exposed integer not null default 0 check (exposed in (0, 1, 2)),
        breach_count integer,
        unique (source_id, external_id)
      ) strict;
      create index vault_items_fingerprint on vault_items(fingerprint) where fingerprint is not null;
      create index vault_items_source on vault_items(source_id);

      -- kind '*' excludes a target from every finding kind.
      create table vault_exclusions (
        kind text not null,
        target_type text not null check (target_type in ('item', 'group')),
        target text not null,
        created_at integer not null,
        primary key (kind, target_type, target)
      ) strict, without rowid;

      -- Snoozes (until a time) and resolved marks (while the item's password fingerprint is unchanged).
      create table vault_finding_state (
        kind text not null,
        item_id text not null,
        state text not null check (state in ('snoozed', 'resolved')),
        until_ms integer,
        fingerprint blob,
        created_at integer not null,
        primary key (kind, item_id)
      ) strict, without rowid;

      -- HIBP "SHA1:COUNT" lines: 20-byte hash as the key, no rowid, so ~30 bytes a line.
      create table vault_breach_hashes (
        sha1 blob primary key check (length(sha1) = 20),
        count integer not null
      ) strict, without rowid;

      create table vault_breach_imports (
        id integer primary key,
        file text not null,
        imported_at integer not null,
        lines integer not null
      ) strict;

      -- zxcvbn results by keyed fingerprint, so re-imports skip the expensive estimate.
      create table vault_strength_cache (
        fingerprint blob primary key,
        score integer not null check (score between 0 and 4),
        guesses_log10 real not null
      ) strict, without rowid;
    `);
  },
};
