import { describe, expect, it } from 'vitest';
import { completionPrompt, createJsonEndTracker, createStopMatcher, parseFirstJson, routeSettings, type GenerationRoute } from './generation';

/** Feeds pieces through a matcher as the runtime does; returns what was streamed and whether it stopped. */
function run(stops: string[], pieces: string[]): { text: string; stopped: boolean } {
  const m = createStopMatcher(stops);
  let text = '';
  for (const p of pieces) {
    const r = m.push(p);
    text += r.emit;
    if (r.stopped) return { text, stopped: true };
  }
  return { text: text + m.flush(), stopped: false };
}

describe('stop strings', () => {
  it('stops at a stop string split across pieces and never streams any part of it', () => {
    const r = run(['\nUser:'], ['Use a pass', 'word manager.\nUs', 'er: and then', ' more']);
    expect(r).toEqual({ text: 'Use a password manager.', stopped: true });
  });

  it('releases a held partial match when it turns out not to be a stop string', () => {
    expect(run(['\nUser:'], ['line one\nU', 'se this'])).toEqual({ text: 'line one\nUse this', stopped: false });
    expect(run(['\n\n'], ['a\n'])).toEqual({ text: 'a\n', stopped: false });
  });

  it('takes the earliest of several stop strings', () => {
    expect(run(['Sources:', '\n\n'], ['Answer [1].\n\nSources: [1]'])).toEqual({ text: 'Answer [1].', stopped: true });
  });

  it('ignores stop strings inside leading whitespace, so a one-line intro is not cut before it starts', () => {
    expect(run(['\n'], ['\n', '\n', 'Three logins need attention.', '\nMore'])).toEqual({ text: '\n\nThree logins need attention.', stopped: true });
  });

  it('passes everything through with no stop strings', () => {
    expect(run([], ['a', 'b\n\n', 'c'])).toEqual({ text: 'ab\n\nc', stopped: false });
  });
});

describe('end of a JSON value', () => {
  it('finds the end of the first object, however the text is chunked, ignoring braces inside strings', () => {
    const full = ' {"action":"x","args":{"note":"a } in \\"quotes\\" {","ids":["a","b"]}}\n\n\n\n';
    const end = full.indexOf('}}') + 2;
    for (const size of [1, 3, 7, full.length]) {
      const t = createJsonEndTracker();
      let got: number | null = null;
      for (let i = size; got === null && i <= full.length + size; i += size) got = t.push(full.slice(0, Math.min(i, full.length)));
      expect(got).toBe(end);
    }
  });

  it('reports nothing until the value closes, and nothing for a scalar root', () => {
    expect(createJsonEndTracker().push('{"a":[1,2')).toBeNull();
    expect(createJsonEndTracker().push('42\n')).toBeNull();
    expect(createJsonEndTracker().push('"a string" and more')).toBe(10);
  });

  it('parses the first complete value and ignores what runs on after it', () => {
    expect(parseFirstJson('{"action":"generate_password","args":{}}\n\n\n\n\n')).toEqual({ action: 'generate_password', args: {} });
    expect(parseFirstJson('{"a":1}{"b":2}')).toEqual({ a: 1 });
    expect(parseFirstJson('{"a":')).toBeUndefined();
    expect(parseFirstJson(' true ')).toBe(true);
  });
});

describe('completion prompt for base models', () => {
  it('joins instructions, earlier turns and the text to continue as plain paragraphs', () => {
    const p = completionPrompt({ system: 'Vault report.', history: [{ role: 'user', text: 'hi' }, { role: 'assistant', text: 'hello' }], user: 'Summary:' });
    expect(p).toBe('Vault report.\n\nQuestion: hi\n\nAnswer: hello\n\nSummary:');
    expect(p).not.toMatch(/<\||\[INST\]|<start_of_turn>/);
  });
});

describe('settings per route', () => {
  const routes: GenerationRoute[] = ['knowledge', 'intro', 'followup', 'chat', 'proposal'];

  it('lets a base model only phrase a short intro, as a one-line completion', () => {
    for (const r of routes) {
      const s = routeSettings(r, 'base');
      if (r === 'intro') expect(s).toMatchObject({ mode: 'completion', stop: ['\n'] });
      else expect(s).toBeNull();
    }
  });

  it('drives instruct models through their template with a repeat penalty, stop strings and a token limit', () => {
    for (const r of routes) {
      const s = routeSettings(r, 'instruct')!;
      expect(s.mode).toBe('chat');
      expect(s.maxTokens).toBeGreaterThan(0);
      expect(s.maxTokens).toBeLessThanOrEqual(320);
      expect(s.repeatPenalty).toBeDefined();
    }
    expect(routeSettings('knowledge', 'instruct')!.stop).toContain('\nSources:');
    expect(routeSettings('intro', 'instruct')!.maxTokens).toBeLessThan(routeSettings('knowledge', 'instruct')!.maxTokens);
  });
});
