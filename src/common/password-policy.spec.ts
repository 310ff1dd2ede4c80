import { PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH, passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it('accepts a 12-character password', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(passwordProblem('a'.repeat(12))).toBeNull();
  });

  it('rejects an 11-character password and says how long it must be', () => {
    expect(passwordProblem('a'.repeat(11))).toBe('password must be at least 12 characters');
  });

  it('counts characters, not UTF-16 units, towards the minimum', () => {
    // Six emoji are twelve UTF-16 code units but only six characters.
    expect(passwordProblem('🔑'.repeat(6))).toMatch(/at least 12 characters/);
    expect(passwordProblem('🔑'.repeat(12))).toBeNull();
  });

  it('accepts 72 bytes and rejects 73, where bcrypt would silently truncate', () => {
    expect(PASSWORD_MAX_BYTES).toBe(72);
    expect(passwordProblem('a'.repeat(72))).toBeNull();
    expect(passwordProblem('a'.repeat(73))).toBe('password must be at most 72 bytes');
  });

  it('measures the maximum in UTF-8 bytes', () => {
    // 25 × "é" is 25 characters but 50 bytes; 37 × "é" is 74 bytes.
    expect(passwordProblem('é'.repeat(25))).toBeNull();
    expect(passwordProblem('é'.repeat(37))).toMatch(/at most 72 bytes/);
  });

  it('rejects a password of only whitespace', () => {
    expect(passwordProblem(' '.repeat(12))).toBe('password must not be blank');
    expect(passwordProblem('\t'.repeat(16))).toBe('password must not be blank');
  });

  it.each([[undefined], [null]])('asks for a missing password (%p)', (value) => {
    expect(passwordProblem(value)).toBe('password is required');
  });

  it.each([[123456789012], [['a'.repeat(12)]], [{}]])('rejects the non-string %p', (value) => {
    expect(passwordProblem(value)).toBe('password must be a string');
  });

  it('rejects NUL, after which bcrypt would ignore the rest', () => {
    expect(passwordProblem('long-enough-secret\u0000tail')).toBe(
      'password must not contain NUL characters',
    );
  });
});
