import { isDisposableEmail, spamReasons } from './spam-signals';

const forged = () => 'invalid_token' as const;

describe('spamReasons', () => {
  it('counts a filled honeypot', () => {
    expect(spamReasons('ada@example.com', { website: 'http://spam.test' }, forged)).toEqual([
      'honeypot',
    ]);
  });

  it('asks about a token that was sent', () => {
    expect(spamReasons('ada@example.com', { formToken: 'abc' }, forged)).toEqual(['invalid_token']);
  });

  it('takes no token as a JSON client, not spam', () => {
    expect(spamReasons('ada@example.com', {}, forged)).toEqual([]);
  });

  // Bug killed: the page without JavaScript posts its empty hidden form_token field, which was
  // judged a forged token, so every no-JS prospect was stored as spam and mailed nobody.
  it('takes an empty token (the form without JavaScript) as no token', () => {
    expect(spamReasons('ada@example.com', { website: '', formToken: '' }, forged)).toEqual([]);
  });

  it('counts a disposable address', () => {
    expect(isDisposableEmail('bot@mailinator.com')).toBe(true);
    expect(isDisposableEmail('ada@example.com')).toBe(false);
  });
});
