import { describeSmtpFailure, isPermanentSmtpFailure } from './smtp-errors';

const smtpError = (fields: Record<string, unknown>, message = 'Failed') =>
  Object.assign(new Error(message), fields);

describe('isPermanentSmtpFailure', () => {
  it.each([
    ['550 to RCPT TO (no such mailbox)', true, { command: 'RCPT TO', responseCode: 550 }],
    ['553 to RCPT TO (mailbox name not allowed)', true, { command: 'RCPT TO', responseCode: 553 }],
    ['450 to RCPT TO (greylisted)', false, { command: 'RCPT TO', responseCode: 450 }],
    ['535 to AUTH (bad credentials)', false, { command: 'AUTH PLAIN', responseCode: 535 }],
    ['553 to MAIL FROM (sender not allowed)', false, { command: 'MAIL FROM', responseCode: 553 }],
    ['554 to DATA (message refused)', false, { command: 'DATA', responseCode: 554 }],
    ['502 to STARTTLS', false, { command: 'STARTTLS', responseCode: 502, code: 'ETLS' }],
    ['a refused connection', false, { code: 'ESOCKET' }],
  ])('%s: permanent %s', (_what, permanent, fields) => {
    expect(isPermanentSmtpFailure(smtpError(fields))).toBe(permanent);
  });
});

describe('describeSmtpFailure', () => {
  it('keeps the server reply once, adds a hint, and masks every address', () => {
    const reply = '535 5.7.8 Authentication failed for intake@firm.example';
    const text = describeSmtpFailure(
      smtpError({ code: 'EAUTH', response: reply }, `Invalid login: ${reply}`),
    );
    expect(text).toBe(
      'Invalid login: 535 5.7.8 Authentication failed for <address> ' +
        '[the SMTP server refused the credentials in SMTP_URL]',
    );
  });

  it('adds a reply nodemailer did not put in the message', () => {
    expect(describeSmtpFailure(smtpError({ response: '451 try later' }, 'Busy'))).toBe(
      'Busy (451 try later)',
    );
  });
});
