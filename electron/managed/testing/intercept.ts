// Preload for the zero-egress proof (bundled to CommonJS and loaded with `node --require`, also via NODE_OPTIONS so
// child processes and workers get it). It wraps every way a Node program can reach the network, records each attempt
// as one JSON line in $BASTION_EGRESS_TRACE, and then refuses it. Test tooling only; never part of the app.
import { appendFileSync } from 'node:fs';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';

const TRACE = process.env.BASTION_EGRESS_TRACE;
const MARK = Symbol.for('bastion.egress.intercepted');

function describeTarget(args: unknown[]): string {
  const [a, b] = args;
  if (typeof a === 'string' || a instanceof URL) return String(a);
  if (typeof a === 'number') return `${typeof b === 'string' ? b : 'localhost'}:${a}`;
  if (Array.isArray(a)) return describeTarget(a);
  if (a && typeof a === 'object') {
    const o = a as Record<string, unknown>;
    if (typeof o.path === 'string') return `unix:${o.path}`;
    if (o.host || o.hostname || o.port) return `${String(o.hostname ?? o.host ?? 'localhost')}:${String(o.port ?? '')}`;
    if (typeof o.url === 'string') return o.url;
  }
  return String(a);
}

function record(api: string, args: unknown[]): Error {
  const target = describeTarget(args);
  const line = JSON.stringify({ pid: process.pid, api, target, argv: process.argv.slice(1, 4), stack: new Error().stack?.split('\n').slice(3, 9) });
  if (TRACE) appendFileSync(TRACE, `${line}\n`);
  const e = new Error(`Bastion zero-egress guard: ${api} to ${target} refused`) as NodeJS.ErrnoException;
  e.code = 'EGRESS_BLOCKED';
  return e;
}

type AnyFn = (...args: unknown[]) => unknown;

/** Replace obj[key] with a function that records, then either throws or returns what `refuse` gives. */
function wrap(obj: Record<string, unknown>, key: string, api: string, refuse: (err: Error, args: unknown[], self: unknown) => unknown): void {
  const original = obj[key] as AnyFn | undefined;
  if (typeof original !== 'function' || (original as unknown as Record<symbol, boolean>)[MARK]) return;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    return refuse(record(api, args), args, this);
  };
  Object.defineProperty(wrapped, MARK, { value: true });
  obj[key] = wrapped;
}

const throwIt = (err: Error): never => {
  throw err;
};
const lastCallback = (args: unknown[]) => [...args].reverse().find((a): a is AnyFn => typeof a === 'function');
/** Node-style: report the error to the callback on the next tick. */
const callbackError = (err: Error, args: unknown[]) => {
  const cb = lastCallback(args);
  if (cb) process.nextTick(() => cb(err));
  else throw err;
  return undefined;
};

if (!(globalThis as Record<symbol, boolean>)[MARK]) {
  (globalThis as Record<symbol, boolean>)[MARK] = true;

  // TCP and TLS (TLSSocket extends net.Socket; http, https, undici and fetch all end here).
  wrap(net.Socket.prototype as unknown as Record<string, unknown>, 'connect', 'net.Socket.connect', (err, _args, self) => {
    process.nextTick(() => (self as net.Socket).destroy(err));
    return self;
  });
  for (const key of ['connect', 'createConnection']) {
    wrap(net as unknown as Record<string, unknown>, key, `net.${key}`, throwIt);
    wrap(tls as unknown as Record<string, unknown>, key, `tls.${key}`, throwIt);
  }
  // HTTP(S) clients.
  for (const [mod, name] of [[http, 'http'], [https, 'https']] as const) {
    wrap(mod as unknown as Record<string, unknown>, 'request', `${name}.request`, throwIt);
    wrap(mod as unknown as Record<string, unknown>, 'get', `${name}.get`, throwIt);
  }
  wrap(http2 as unknown as Record<string, unknown>, 'connect', 'http2.connect', throwIt);
  // Name resolution (a DNS query is itself a packet to a resolver).
  for (const key of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv', 'reverse']) {
    wrap(dns as unknown as Record<string, unknown>, key, `dns.${key}`, callbackError);
    wrap(dns.promises as unknown as Record<string, unknown>, key, `dns.promises.${key}`, (err) => Promise.reject(err));
    wrap(dns.Resolver.prototype as unknown as Record<string, unknown>, key, `dns.Resolver.${key}`, callbackError);
  }
  // UDP.
  wrap(dgram.Socket.prototype as unknown as Record<string, unknown>, 'send', 'dgram.send', callbackError);
  wrap(dgram.Socket.prototype as unknown as Record<string, unknown>, 'connect', 'dgram.connect', callbackError);
  // fetch (undici) and WebSocket where the runtime has them.
  wrap(globalThis as unknown as Record<string, unknown>, 'fetch', 'fetch', (err) => Promise.reject(err));
  const WS = (globalThis as Record<string, unknown>).WebSocket;
  if (typeof WS === 'function') {
    (globalThis as Record<string, unknown>).WebSocket = function (...args: unknown[]) {
      throw record('WebSocket', args);
    };
  }
  // ESM `import { connect } from 'node:net'` reads these bindings: make them see the wrapped functions.
  syncBuiltinESMExports();
}
