import * as audit from '../audit';
import * as permissions from '../permissions';
import { pickFace, REQUIRED, type Engine, type FaceName } from './engine';

// The composition of engine faces for main and the e2e bridge. Faces not built yet are imported by name at run
// time so this file compiles before they exist; each becomes a static import once its folder lands.

const PENDING: Partial<Record<FaceName, string>> = {
  vault: '../vault/index',
  knowledge: '../knowledge/index',
  assistant: '../assistant/index',
  managed: '../managed/index',
  models: '../../models/index',
};

export interface LoadedEngine {
  engine: Engine;
  /** Faces absent (or missing functions) in this build, with why: the README and the UI say so. */
  missing: Partial<Record<FaceName, string>>;
}

export async function loadEngine(): Promise<LoadedEngine> {
  const engine: Engine = {};
  const missing: LoadedEngine['missing'] = {};
  const take = (name: FaceName, mod: unknown) => {
    const face = pickFace<never>(mod, REQUIRED[name]);
    if (face) (engine as Record<string, unknown>)[name] = face;
    else missing[name] = `electron/${name} does not export ${REQUIRED[name].filter((k) => typeof (mod as Record<string, unknown> | null)?.[k] !== 'function').join(', ')} yet`;
  };
  take('audit', audit);
  take('permissions', permissions);
  for (const [name, spec] of Object.entries(PENDING) as [FaceName, string][]) {
    try {
      take(name, await import(/* @vite-ignore */ spec));
    } catch (e) {
      missing[name] = `electron/${name} is not built yet (${(e as Error).message.split('\n')[0]})`;
    }
  }
  return { engine, missing };
}
