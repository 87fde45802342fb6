export { APP_SCHEME, isAppUrl, isTrustedSender, originString, PACKAGED_ORIGIN, parseAppOrigin, type AppOrigin, type IpcSender } from './app-origin';
export { createAskSessions, type AskRunner, type AskRunOptions, type AskSessions } from './ask-session';
export * from './contract';
export { validatedEmit, type Emit } from './events';
export { createRouter, handle, type HandlerTable, type IpcRouter } from './handle';
export { createHandlers, type CreateHandlersOptions, type DialogPort } from './handlers';
export { CHANNEL_LIST, EVENT_LIST, isChannelName, isEventListName } from './names';
