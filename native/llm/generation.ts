// Pure pieces of the generation loop (no addon): stop strings that never leak into the stream, the end of a
// grammar-constrained JSON value, the plain prompt a base model continues, and the settings each route uses.
import type { ModelKind } from './gguf';

/** Mirrors node-llama-cpp's repeat penalties, over the tokens this call generated (never the prompt's facts). */
export interface RepeatPenalty {
  /** >1 lowers the chance of recently generated tokens (1.1–1.2 typical; 1 = off). */
  penalty?: number;
  /** Per occurrence in the window (0–1). */
  frequencyPenalty?: number;
  /** Once per token present in the window (0–1). */
  presencePenalty?: number;
  /** How many of the last generated tokens count. Default 64. */
  lastTokens?: number;
  /** DRY strength (0–1, 0.8 typical): makes a verbatim loop of its own recent output near impossible. */
  dry?: number;
}

export type GenerationMode = 'chat' | 'completion';

/**
 * Emits text only once it cannot be the start of a stop string, so a stop string never reaches the stream; a match
 * ends generation and everything from the match on is dropped. Leading whitespace never matches: a model that opens
 * with a newline has not finished (stop "\n" on a one-line intro would otherwise end it before it starts).
 */
export function createStopMatcher(stops: readonly string[]) {
  const live = stops.filter((s) => s.length > 0);
  let held = '';
  let started = false;
  const match = (piece: string): { emit: string; stopped: boolean } => {
    held += piece;
    let first = -1;
    for (const s of live) {
      const i = held.indexOf(s);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    }
    if (first >= 0) {
      const emit = held.slice(0, first);
      held = '';
      return { emit, stopped: true };
    }
    // Hold back the longest tail that could still grow into a stop string.
    let hold = 0;
    for (const s of live) {
      for (let k = Math.min(s.length - 1, held.length); k > hold; k--) {
        if (held.endsWith(s.slice(0, k))) {
          hold = k;
          break;
        }
      }
    }
    const emit = held.slice(0, held.length - hold);
    held = held.slice(held.length - hold);
    return { emit, stopped: false };
  };
  return {
    push(piece: string): { emit: string; stopped: boolean } {
      if (started) return match(piece);
      const lead = /^\s*/.exec(piece)![0];
      if (lead.length === piece.length) return { emit: piece, stopped: false };
      started = true;
      const r = match(piece.slice(lead.length));
      return { emit: lead + r.emit, stopped: r.stopped };
    },
    /** What is still held back (a partial stop string that never completed). */
    flush(): string {
      const rest = held;
      held = '';
      return rest;
    },
  };
}

/**
 * Tracks the first JSON object/array/string in a growing text and reports the index just past its end. A grammar
 * accepts whitespace after the value, and small models fill the token limit with newlines there; stopping at the
 * end of the value is what makes a complete proposal usable.
 */
export function createJsonEndTracker() {
  let pos = 0;
  let depth = 0;
  let started = false;
  let rootIsString = false;
  let inString = false;
  let escaped = false;
  let end: number | null = null;
  return {
    /** `text`: everything generated so far (it only grows). Returns the end index once the value is complete. */
    push(text: string): number | null {
      for (; end === null && pos < text.length; pos++) {
        const c = text[pos]!;
        if (!started) {
          if (/\s/.test(c)) continue;
          if (c !== '{' && c !== '[' && c !== '"') return null; // a scalar root: its end shows only at EOG
          started = true;
          rootIsString = c === '"';
          if (rootIsString) inString = true;
          else depth = 1;
          continue;
        }
        if (inString) {
          if (escaped) escaped = false;
          else if (c === '\\') escaped = true;
          else if (c === '"') {
            inString = false;
            if (rootIsString) end = pos + 1;
          }
        } else if (c === '"') inString = true;
        else if (c === '{' || c === '[') depth++;
        else if (c === '}' || c === ']') {
          depth--;
          if (depth === 0) end = pos + 1;
        }
      }
      return end;
    },
  };
}

/** The first complete JSON value in `text` (leading whitespace skipped, anything after it ignored), or undefined. */
export function parseFirstJson(text: string): unknown {
  const end = createJsonEndTracker().push(text);
  const candidate = end === null ? text.trim() : text.slice(0, end);
  try {
    return JSON.parse(candidate);
  } catch {
    return undefined;
  }
}

/**
 * A base model has no turn format: it continues text. The instructions and any earlier turns become plain
 * paragraphs, and the caller's `user` text is what it continues (end it with the start of the wanted answer).
 */
export function completionPrompt(req: { system: string; history?: readonly { role: 'user' | 'assistant'; text: string }[]; user: string }): string {
  const turns = (req.history ?? []).map((t) => `${t.role === 'user' ? 'Question' : 'Answer'}: ${t.text}`);
  return [req.system, ...turns, req.user].filter((s) => s.trim() !== '').join('\n\n');
}

export type GenerationRoute = 'knowledge' | 'intro' | 'followup' | 'chat' | 'proposal';

export interface GenerationSettings {
  mode: GenerationMode;
  maxTokens: number;
  temperature: number;
  repeatPenalty?: RepeatPenalty;
  stop: string[];
}

/** Shown wherever a base model is imported, chosen or listed. */
export const BASE_MODEL_NOTE = "Base model (no chat template): answers come from Bastion's engine; this model only phrases short intros.";

// Text routes punish repeats of their own output: looping ("I'm sorry for your loss…" ×20) is the commonest failure
// of 100M-class models. Stop strings end a draft where a model starts a new turn or lists sources Bastion adds itself.
const TEXT_PENALTY: RepeatPenalty = { penalty: 1.15, presencePenalty: 0.1, lastTokens: 96, dry: 0.8 };
const TURN_STOPS = ['\nUser:', '\nQuestion:', '\nSources:', '\n\n\n'];

/**
 * The generation settings for one route and model kind, or null where that kind must not write for the route: only
 * instruct models write free text; a base model only phrases a short intro, as a one-line completion.
 */
export function routeSettings(route: GenerationRoute, kind: ModelKind): GenerationSettings | null {
  if (kind === 'base') {
    return route === 'intro' ? { mode: 'completion', maxTokens: 48, temperature: 0, repeatPenalty: TEXT_PENALTY, stop: ['\n'] } : null;
  }
  switch (route) {
    case 'knowledge':
      return { mode: 'chat', maxTokens: 320, temperature: 0, repeatPenalty: TEXT_PENALTY, stop: TURN_STOPS };
    case 'intro':
      return { mode: 'chat', maxTokens: 80, temperature: 0, repeatPenalty: TEXT_PENALTY, stop: ['\n\n', ...TURN_STOPS] };
    case 'followup':
      return { mode: 'chat', maxTokens: 160, temperature: 0, repeatPenalty: TEXT_PENALTY, stop: TURN_STOPS };
    case 'chat':
      return { mode: 'chat', maxTokens: 256, temperature: 0, repeatPenalty: TEXT_PENALTY, stop: TURN_STOPS };
    case 'proposal':
      // Within the grammar's choices the penalty is what keeps SmolLM2 from listing one item id until the token
      // limit; the end of the JSON value stops it.
      return { mode: 'chat', maxTokens: 200, temperature: 0, repeatPenalty: { penalty: 1.3, lastTokens: 48 }, stop: [] };
    default:
      route satisfies never;
      throw new Error(`unknown route ${String(route)}`);
  }
}
