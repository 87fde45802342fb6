import type { Generator } from '../../model-process';
import type { UseCaseContext } from '../../usecases';
import type { AskSessions } from '../ask-session';
import type { GpuInfo } from '../contract';
import type { Emit } from '../events';
import type { HandlerTable } from '../handle';
import type { z } from 'zod';

/** What every group of handlers gets: the use-case context, the event channel and the desktop-only hooks. */
export interface HandlerDeps {
  ctx: UseCaseContext;
  emit: Emit;
  sessions: AskSessions;
  /** Where models run: the desktop app's model process; in this process when absent. */
  loadModel?: (modelPath: string) => Promise<Generator>;
  /** Registers the global hotkey; returns a conflict message or null. Absent outside the desktop app. */
  applyHotkey?: (accelerator: string, enabled: boolean) => string | null;
  gpu?: () => z.output<typeof GpuInfo>;
}

/** One capability's channels. */
export type Handlers<K extends keyof HandlerTable> = Pick<HandlerTable, K>;
