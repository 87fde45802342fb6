// Which model `ask` may load, under the managed policy: a pinned model beats every flag and setting, and an
// allow-list of SHA-256 digests is checked against the file itself before it is loaded (not against its name).
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { BastionError } from '../core';
import type { Store } from '../db';
import { assertModelUsable, effectiveSettings, type ManagedPolicy } from '../managed';
import { sha256File } from '../../models';

export interface ModelChoiceOptions {
  model?: string;
  noLlm?: boolean;
  env?: NodeJS.ProcessEnv;
}

export type ResolveModel = (opts: { flag?: string; env?: NodeJS.ProcessEnv; dataDir: string }) => string | null;

/** The model path for this ask, or null for none. Throws POLICY_DENIED when the user asked for another than the pinned one. */
export function chooseModel(store: Store, opts: ModelChoiceOptions, policy: ManagedPolicy, resolveModel: ResolveModel): string | null {
  if (opts.noLlm) return null;
  const pinned = effectiveSettings(store, policy).models.pinnedModel;
  if (!pinned) {
    const path = resolveModel({ flag: opts.model, env: opts.env ?? process.env, dataDir: store.dataDir });
    if (opts.model && !path) throw new BastionError('MODEL_ERROR', `Model not found: ${opts.model}`);
    return path;
  }
  if (opts.model && resolve(opts.model) !== pinned) {
    throw new BastionError('POLICY_DENIED', `Your administrator pinned the model to ${pinned}; --model ${opts.model} cannot be used.`);
  }
  if (!existsSync(pinned)) {
    throw new BastionError('MODEL_ERROR', `The model your administrator pinned (${pinned}) is not on this machine; ask them to provision it, or pass --no-llm.`);
  }
  return pinned;
}

/** Throws POLICY_DENIED unless the managed policy lets this file be loaded (allow-listed digest, pinned path). */
export async function assertModelAllowed(path: string, policy: ManagedPolicy): Promise<void> {
  assertModelUsable(path, policy.models?.allowedSha256 ? await fileSha256(path) : undefined, policy);
}

// Hashing a multi-GB model takes seconds; the desktop worker asks many times, so remember digests by file identity.
const digests = new Map<string, string>();

export async function fileSha256(path: string): Promise<string> {
  const st = statSync(path);
  const key = `${path}\0${st.size}\0${st.mtimeMs}`;
  const known = digests.get(key);
  if (known) return known;
  const hex = await sha256File(path);
  digests.set(key, hex);
  return hex;
}
