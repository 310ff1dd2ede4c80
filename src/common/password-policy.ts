export const PASSWORD_MIN_LENGTH = 12;
/** bcrypt ignores everything past 72 bytes; refuse rather than silently truncate. */
export const PASSWORD_MAX_BYTES = 72;

/** Why a password is not acceptable, or null when it is. */
export function passwordProblem(password: unknown): string | null {
  if (password === undefined || password === null) return 'password is required';
  if (typeof password !== 'string') return 'password must be a string';
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return `password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  }
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) {
    return `password must be at most ${PASSWORD_MAX_BYTES} bytes`;
  }
  if (password.trim().length === 0) return 'password must not be blank';
  // bcrypt stops reading at NUL: "secret\0anything" would equal "secret".
  if (password.includes('\u0000')) return 'password must not contain NUL characters';
  return null;
}
