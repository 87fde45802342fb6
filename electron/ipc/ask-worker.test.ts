import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BastionError } from '../core';
import { createAskSessions, type AskRunner } from './ask-session';
import { createWorkerAskRunner, serveAskWorker } from './ask-worker';
import type { EventName } from './contract';

const result = { route: 'chat' as const, answer: 'hi there', citations: [], findings: [], proposals: [] };

/** A runner that streams two tokens, or waits for abort when the question is "hang". */
const fake: AskRunner = {
  async run(q, o) {
    if (q === 'fail') throw new BastionError('MODEL_ERROR', 'No model is set up.');
    if (q === 'hang') {
      o.onToken('partial');
      await new Promise<void>((r) => o.signal.addEventListener('abort', () => r()));
      throw new BastionError('CANCELLED', 'stopped');
    }
    o.onToken('hi ');
    o.onToken('there');
    return result;
  },
};

function viaWorker(): AskRunner {
  const { port1, port2 } = new MessageChannel();
  serveAskWorker({ post: (m) => port2.postMessage(m), onMessage: (l) => port2.on('message', l) }, fake);
  const r = createWorkerAskRunner({ post: (m) => port1.postMessage(m), onMessage: (l) => port1.on('message', l) });
  (r as unknown as { close: () => void }).close = () => (port1.close(), port2.close());
  return r;
}

function sessions(runner: AskRunner) {
  const events: { event: EventName; payload: Record<string, unknown> }[] = [];
  const s = createAskSessions(runner, (event, payload) => void events.push({ event, payload: payload as Record<string, unknown> }));
  return { s, events };
}

describe('ask sessions over the worker protocol', () => {
  it('streams tokens as delta events, then done', async () => {
    const runner = viaWorker();
    const { s, events } = sessions(runner);
    const { conversationId } = s.start('hello', {});
    await s.idle(conversationId);
    expect(events.map((e) => e.event)).toEqual(['ask:token', 'ask:token', 'ask:done']);
    expect(events[0]!.payload).toEqual({ conversationId, delta: 'hi ' });
    expect(events[2]!.payload).toEqual({ conversationId, result });
    (runner as unknown as { close: () => void }).close();
  });
  it('stop aborts the run in the worker and reports CANCELLED', async () => {
    const runner = viaWorker();
    const { s, events } = sessions(runner);
    const { conversationId } = s.start('hang', { conversationId: 'c1' });
    await new Promise<void>((r) => {
      const t = setInterval(() => events.length > 0 && (clearInterval(t), r()), 1);
    });
    expect(() => s.start('again', { conversationId: 'c1' })).toThrow(/still answering/);
    expect(s.stop(conversationId)).toBe(true);
    await s.idle(conversationId);
    expect(events.at(-1)).toEqual({ event: 'ask:error', payload: { conversationId: 'c1', error: { code: 'CANCELLED', message: 'Stopped.' } } });
    (runner as unknown as { close: () => void }).close();
  });
  it('keeps BastionError codes across the worker boundary', async () => {
    const runner = viaWorker();
    const { s, events } = sessions(runner);
    const { conversationId } = s.start('fail', {});
    await s.idle(conversationId);
    expect(events.at(-1)).toEqual({ event: 'ask:error', payload: { conversationId, error: { code: 'MODEL_ERROR', message: 'No model is set up.' } } });
    (runner as unknown as { close: () => void }).close();
  });
});
