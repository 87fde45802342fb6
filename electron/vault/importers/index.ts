// Importers face: read a vault export (six formats) into plain items; detect a format from content.
export { readVaultFile, readVaultBytes, type ReadVaultOptions } from './read-vault-file';
export { detectFormat } from './detect';
export { LIMITS as IMPORT_LIMITS } from './limits';
/** Registers hash-wasm's Argon2 with kdbxweb (fixture writers need it to save KDBX 4). */
export { installArgon2 as installKdbxArgon2 } from './argon2';
