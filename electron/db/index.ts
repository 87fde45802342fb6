export { resolveDataDir } from './data-dir';
export { appRoot } from './app-root';
export { writeFileAtomic } from './atomic-write';
export { loadInstallKeys, KEY_FILE, type InstallKeys, type KeyPurpose } from './install-key';
export type { Migration } from './migration';
export { APPLICATION_ID, DB_FILE, openStore, type OpenStoreOptions, type Store } from './open';
