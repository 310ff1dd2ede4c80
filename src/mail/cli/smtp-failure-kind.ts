interface SmtpError {
  code?: unknown;
  command?: unknown;
  message?: unknown;
}

/**
 * The operator's word for a failed send (nodemailer's error code and message), so `mail:test`
 * says first whether to fix the password, the host and port, or the certificate.
 */
export function smtpFailureKind(error: unknown): string {
  const { code, command, message } = (error ?? {}) as SmtpError;
  const text = typeof message === 'string' ? message : '';
  if (code === 'EAUTH') return 'authentication refused (user or password in SMTP_URL)';
  if (code === 'ETLS' || /certificate|self[- ]signed|\bTLS\b|SSL/i.test(text)) {
    return 'TLS or certificate problem';
  }
  if (/ECONNREFUSED/.test(text)) return 'connection refused (host and port in SMTP_URL)';
  if (code === 'ECONNECTION' || code === 'ESOCKET' || code === 'ETIMEDOUT' || code === 'EDNS') {
    return 'could not connect (host and port in SMTP_URL)';
  }
  if (command === 'RCPT TO' || code === 'EENVELOPE') return 'recipient refused';
  if (command === 'MAIL FROM') return 'sender refused (MAIL_FROM)';
  return 'sending failed';
}
