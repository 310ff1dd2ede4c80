import { validateEnv } from './env.validation';

/** FIRM_*, RESPONSE_TIME_TEXT, PRIVACY_URL and DEFAULT_PHONE_COUNTRY (issue 19). */
describe('the firm’s form settings', () => {
  const problemWith = (raw: Record<string, string>): string => {
    try {
      validateEnv(raw);
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('are all optional; phone numbers default to the US', () => {
    const env = validateEnv({ FIRM_INTRO: '', PRIVACY_URL: '', RESPONSE_TIME_TEXT: '' });
    expect(env).toMatchObject({ DEFAULT_PHONE_COUNTRY: 'US' });
    expect(env.FIRM_INTRO).toBeUndefined();
    expect(env.PRIVACY_URL).toBeUndefined();
    expect(env.RESPONSE_TIME_TEXT).toBeUndefined();
    expect(env.FIRM_CONTACT_EMAIL).toBeUndefined();
  });

  it('accept good values, and a lower-case country code', () => {
    const env = validateEnv({
      FIRM_INTRO: 'Employment lawyers since 1990 — we answer every enquiry.',
      RESPONSE_TIME_TEXT: 'within one business day',
      PRIVACY_URL: 'https://finch.example/privacy',
      FIRM_CONTACT_EMAIL: 'intake@finch.example',
      FIRM_CONTACT_PHONE: '020 7946 0958',
      DEFAULT_PHONE_COUNTRY: 'gb',
    });
    expect(env.DEFAULT_PHONE_COUNTRY).toBe('GB');
  });

  it.each([
    [{ PRIVACY_URL: 'http://finch.example/privacy' }, /PRIVACY_URL: PRIVACY_URL must be an https/],
    [{ PRIVACY_URL: 'javascript:alert(1)' }, /PRIVACY_URL/],
    [
      { DEFAULT_PHONE_COUNTRY: 'XX' },
      /DEFAULT_PHONE_COUNTRY: DEFAULT_PHONE_COUNTRY must be a two-letter/,
    ],
    [{ DEFAULT_PHONE_COUNTRY: 'USA' }, /DEFAULT_PHONE_COUNTRY/],
    [{ FIRM_CONTACT_PHONE: '12345' }, /FIRM_CONTACT_PHONE: is not a valid phone number/],
    [{ FIRM_CONTACT_EMAIL: 'intake' }, /FIRM_CONTACT_EMAIL/],
    [{ FIRM_INTRO: 'x'.repeat(601) }, /FIRM_INTRO/],
    [
      { RESPONSE_TIME_TEXT: 'soon\nor later' },
      /RESPONSE_TIME_TEXT: RESPONSE_TIME_TEXT must be one line/,
    ],
  ])('refuse %j, naming the variable', (raw, message) => {
    expect(problemWith(raw)).toMatch(message);
  });
});
