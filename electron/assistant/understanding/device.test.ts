import { describe, expect, it } from 'vitest';
import { indexItems } from './items';
import { understand } from './intents';
import type { ConversationState } from './types';

// The questions below are unit cases of the rule, not the eval's labels (those live in eval/dataset, test held out).
const index = indexItems([{ id: 'it_spotify', title: 'Spotify', kind: 'login', site: 'spotify.com' }]);
const intent = (q: string, state: ConversationState | null = null) => understand(q, index, state).intent;

describe('questions about this computer go to the device report', () => {
  it.each([
    ['do i have unencrypted ssh keys?', 'ssh_keys'],
    ['is my dsik encryptd', 'disk_encryption'],
    ['is my fierwall on', 'firewall'],
    ['does the screensaver lock my laptop', 'screen_lock'],
    ['are security updates automatic on my computer', 'system_updates'],
    ['do i have aws credentials lying around', 'credential_files'],
    ['is there a leftover vault export in my downloads', 'plaintext_exports'],
    ['are bastion files private', 'bastion_data'],
  ])('"%s" asks about %s', (q, check) => {
    expect(intent(q)).toEqual({ name: 'device', check });
  });

  it('the whole report for "is my laptop secure?" and its kin', () => {
    for (const q of ['is my laptop secure?', 'is this computer safe to keep my passwords on?', 'check my device', 'how secure is my machine']) expect(intent(q), q).toEqual({ name: 'device', check: null });
  });

  it('general questions on the same topics, other devices and incidents are not', () => {
    expect(intent('should i encrypt my laptop').name).toBe('knowledge');
    expect(intent('how do i turn on the firewall').name).toBe('knowledge');
    expect(intent('is my phone encrypted').name).not.toBe('device');
    expect(intent('my laptop was stolen, what now?').name).toBe('advice');
    // "unencrypted" alone still means http:// logins in the vault.
    expect(intent('which of my logins are unencrypted')).toMatchObject({ name: 'finding', kind: 'insecure_url' });
  });

  it('"how do I fix it?" after a device answer stays on that check', () => {
    const state: ConversationState = { intent: 'device', kind: null, itemIds: [], itemId: null, query: null, check: 'firewall' };
    expect(understand('how do i fix it', index, state)).toMatchObject({ intent: { name: 'device', check: 'firewall' }, followUp: true });
    expect(understand('why?', index, state).intent.name).toBe('explain');
  });
});
