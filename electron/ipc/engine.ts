import type * as assistant from '../assistant';
import type * as audit from '../audit';
import type * as knowledge from '../knowledge';
import type * as managed from '../managed';
import type * as permissions from '../permissions';
import type * as vault from '../vault';
import type * as models from '../../models';

// The engine faces the handlers call, typed as the real face modules. Tests pass fakes for the parts they use;
// main and the e2e bridge pass the real modules (engine-faces.ts). A face left out answers UNSUPPORTED.

export interface Engine {
  vault?: typeof vault;
  knowledge?: typeof knowledge;
  assistant?: typeof assistant;
  permissions?: typeof permissions;
  audit?: typeof audit;
  managed?: typeof managed;
  models?: typeof models;
}

export type FaceName = keyof Engine;
