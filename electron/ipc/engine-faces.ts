import * as assistant from '../assistant';
import * as audit from '../audit';
import * as knowledge from '../knowledge';
import * as managed from '../managed';
import * as permissions from '../permissions';
import * as vault from '../vault';
import * as models from '../../models';
import type { Engine, FaceName } from './engine';

// The composition of engine faces for main, the model worker and the e2e bridge: the real modules.

export interface LoadedEngine {
  engine: Engine;
  /** Faces absent in this build, with why (quoted in UNSUPPORTED errors). Empty when everything is built. */
  missing: Partial<Record<FaceName, string>>;
}

export async function loadEngine(): Promise<LoadedEngine> {
  return { engine: { vault, knowledge, assistant, permissions, audit, managed, models }, missing: {} };
}
