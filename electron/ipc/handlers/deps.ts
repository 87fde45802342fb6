import type { Host } from '../../device';
import type { Generator } from '../../model-process';
import type { UseCaseContext } from '../../usecases';
import type { AskSessions } from '../ask-session';
import type { GpuInfo, OpenPurpose, SavePurpose } from '../contract';
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
  /** Native file pickers (the desktop app's; the e2e bridge answers from the test). Absent: the channels say so. */
  dialogs?: DialogPort;
  /** The machine the device checks read (tests and e2e pass a fixture machine); the real one when absent. */
  deviceHost?: Host;
}

/** Open and save dialogs: the chosen path, or null when the user cancelled. */
export interface DialogPort {
  open(purpose: OpenPurpose): Promise<string | null>;
  save(purpose: SavePurpose, defaultName: string): Promise<string | null>;
}

/** One capability's channels. */
export type Handlers<K extends keyof HandlerTable> = Pick<HandlerTable, K>;
