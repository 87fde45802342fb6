// Channel and event names only (no zod): what the sandboxed preload bundles. contract.ts checks it covers exactly these.
export const CHANNEL_LIST = [
  'vault:import',
  'vault:cancel-import',
  'vault:report',
  'vault:health',
  'vault:item-health',
  'vault:include',
  'vault:item',
  'vault:sources',
  'vault:forget',
  'vault:exclude',
  'kb:search',
  'kb:add',
  'kb:list',
  'kb:remove',
  'ask:start',
  'ask:stop',
  'conversations:list',
  'conversations:messages',
  'conversations:rename',
  'conversations:delete',
  'conversations:clear',
  'proposals:list',
  'proposals:create',
  'proposals:confirm',
  'proposals:reject',
  'proposals:undo',
  'audit:list',
  'audit:verify',
  'audit:export',
  'models:list',
  'models:pull',
  'models:import',
  'models:use',
  'models:rollback',
  'settings:get',
  'settings:set',
  'settings:wipe',
  'policy:status',
  'egress:log',
  'device:report',
  'data:inventory',
  'dialog:open',
  'dialog:save',
] as const;
export const EVENT_LIST = [
  'ask:token',
  'ask:done',
  'ask:error',
  'vault:progress',
  'models:progress',
  'proposals:changed',
  'app:command',
] as const;
export type ChannelName = (typeof CHANNEL_LIST)[number];
export type EventListName = (typeof EVENT_LIST)[number];

const channelSet: ReadonlySet<string> = new Set(CHANNEL_LIST);
const eventSet: ReadonlySet<string> = new Set(EVENT_LIST);
export const isChannelName = (n: unknown): n is ChannelName => typeof n === 'string' && channelSet.has(n);
export const isEventListName = (n: unknown): n is EventListName => typeof n === 'string' && eventSet.has(n);
