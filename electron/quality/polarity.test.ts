import { describe, expect, it } from 'vitest';
import { findContradiction } from './polarity';

describe('an intro may not say things are fine when the engine found problems, or the reverse', () => {
  it('catches the base model calling a failing computer fine', () => {
    expect(findContradiction('In short, the computer is in good condition.', 'problems')).toMatch(/is in good/);
    expect(findContradiction('Your vault looks secure.', 'problems')).toMatch(/looks secure/);
    expect(findContradiction('There are no problems to fix.', 'problems')).toMatch(/no problems/);
    expect(findContradiction('In short, the data on your home folder is encrypted by Bastion.', 'problems')).toMatch(/is encrypted/);
  });

  it('lets the right polarity through, negations included', () => {
    expect(findContradiction('In short, the computer was not secure.', 'problems')).toBeNull();
    expect(findContradiction('In short, your disk is not encrypted.', 'problems')).toBeNull();
    expect(findContradiction('Your vault is not in good shape yet: start with the exposed passwords.', 'problems')).toBeNull();
    expect(findContradiction('Everything is fine: there are no weak or reused passwords.', 'clean')).toBeNull();
  });

  it('catches problems claimed over a clean report', () => {
    expect(findContradiction('Several of your passwords are weak.', 'clean')).toMatch(/weak/);
    expect(findContradiction('This computer is not secure.', 'clean')).toMatch(/not secure/);
  });
});
