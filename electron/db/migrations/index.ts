import type { Migration } from '../migration';
import { m0001 } from './0001-vault';
import { m0002 } from './0002-knowledge';
import { m0003 } from './0003-assistant';
import { m0004 } from './0004-audit';
import { m0005 } from './0005-managed';
import { m0006 } from './0006-one-settings-store';
import { m0007 } from './0007-vault-excluded-by-source';
import { m0008 } from './0008-assistant-context';
import { m0009 } from './0009-policy-history';
import { m0010 } from './0010-vault-health-history';
import { m0011 } from './0011-conversation-titles';
import { m0012 } from './0012-assistant-device-route';
import { m0013 } from './0013-vault-kept-views';

// Append only: a shipped migration is never edited, a new version gets a new file.
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013];
