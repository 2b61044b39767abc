import { WeakPasswordError } from '../../../src/infrastructure/identity/identity.errors';
import { assertAcceptablePassword } from '../../../src/infrastructure/identity/password.policy';
import { DEMO_ACCOUNTS } from '../../../src/infrastructure/identity/demo-district.seed';

describe('assertAcceptablePassword', () => {
  it('accepts 12 characters and more, with no composition rules', () => {
    expect(() => assertAcceptablePassword('twelve chars', 'm.weber')).not.toThrow();
    expect(() => assertAcceptablePassword('ü'.repeat(12), 'm.weber')).not.toThrow();
  });

  it('refuses shorter passwords, counting characters rather than bytes', () => {
    expect(() => assertAcceptablePassword('eleven char', 'm.weber')).toThrow(WeakPasswordError);
    expect(() => assertAcceptablePassword('😀'.repeat(11), 'm.weber')).toThrow(WeakPasswordError);
  });

  it('refuses passwords longer than 1024 characters', () => {
    expect(() => assertAcceptablePassword('x'.repeat(1025), 'm.weber')).toThrow(/at most 1024/);
  });

  it('refuses a password that contains the username, in any case', () => {
    expect(() => assertAcceptablePassword('my name is M.Weber!', 'm.weber')).toThrow(/username/);
  });

  it('holds for the published demo passwords too', () => {
    for (const account of DEMO_ACCOUNTS) expect(() => assertAcceptablePassword(account.password, account.username)).not.toThrow();
  });

  it('never quotes the password in its message', () => {
    expect(() => assertAcceptablePassword('Geheim1', 'm.weber')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('Geheim1') }));
  });
});
