/**
 * A start-up failure whose message already says what to fix (which variable, which server). The
 * entry point prints it as one log line and exits, without a stack trace.
 */
export class StartupError extends Error {}
