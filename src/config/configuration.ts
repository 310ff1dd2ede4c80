import { randomBytes } from 'node:crypto';
import { registerAs } from '@nestjs/config';
import { parseBusinessHours } from '../common/business-hours';
import { type EnvironmentVariables, loadEnv } from './env.validation';
import { firmPhone } from './firm-phone';
import addressparser from 'nodemailer/lib/addressparser';

/** Parses `900`, `900s`, `15m`, `1h`, `1d` into seconds. */
export function durationToSeconds(value: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(value);
  if (!match) throw new Error(`Not a duration: ${value}`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

/** Where the service is reached from outside, without a trailing slash. */
function publicBaseUrl(env: EnvironmentVariables): string {
  return (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
}

export const appConfig = registerAs('app', () => {
  const env = loadEnv();
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    publicBaseUrl: publicBaseUrl(env),
    corsOrigins: env.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    jsonBodyLimit: env.JSON_BODY_LIMIT,
    logLevel: env.LOG_LEVEL,
    swaggerEnabled: env.SWAGGER_ENABLED,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    brandName: env.BRAND_NAME,
    brandColor: env.BRAND_COLOR,
    resumeMaxBytes: env.RESUME_MAX_BYTES,
  };
});

/** The public edge: upload size, idempotency window and rate limits. */
export const edgeConfig = registerAs('edge', () => {
  const env = loadEnv();
  return {
    resumeMaxBytes: env.RESUME_MAX_BYTES,
    idempotencyTtlMs: env.IDEMPOTENCY_TTL_HOURS * 3600 * 1000,
    leadsPerMinute: env.THROTTLE_LEADS_PER_MINUTE,
    leadsPerDay: env.THROTTLE_LEADS_PER_DAY,
    loginFailuresPerMinute: env.THROTTLE_LOGIN_FAILURES_PER_MINUTE,
  };
});

function parseTrustProxy(value: string): boolean | number | string[] {
  const v = value.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export const authConfig = registerAs('auth', () => {
  const env = loadEnv();
  return {
    // Outside production a missing secret is generated per process: tokens die with the process.
    jwtSecret: env.JWT_SECRET ?? randomBytes(48).toString('base64'),
    jwtSecretGenerated: env.JWT_SECRET === undefined,
    jwtExpiresInSeconds: durationToSeconds(env.JWT_EXPIRES_IN),
    sessionIdleSeconds: durationToSeconds(env.SESSION_IDLE_TIMEOUT),
    sessionMaxAgeSeconds: durationToSeconds(env.SESSION_MAX_AGE),
    jwtIssuer: 'lead-intake',
    jwtAudience: 'lead-intake-api',
    bcryptCost: env.BCRYPT_COST,
    adminEmail: env.ADMIN_EMAIL.toLowerCase(),
    adminPassword: env.ADMIN_PASSWORD,
    production: env.NODE_ENV === 'production',
  };
});

export const databaseConfig = registerAs('database', () => {
  const env = loadEnv();
  return {
    type: env.DB_TYPE,
    path: env.DB_PATH,
    url: env.DATABASE_URL,
    host: env.DB_HOST,
    port: env.DB_PORT,
    username: env.DB_USER,
    password: env.DB_PASSWORD,
    database: env.DB_NAME,
    poolSize: env.DB_POOL_SIZE,
    statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
    busyTimeoutMs: env.DB_BUSY_TIMEOUT_MS,
  };
});

export const mailConfig = registerAs('mail', () => {
  const env = loadEnv();
  return {
    from: env.MAIL_FROM,
    smtpUrl: env.SMTP_URL,
    smtpRequireTls: env.SMTP_REQUIRE_TLS,
    smtpVerifyTimeoutMs: env.SMTP_VERIFY_TIMEOUT_MS,
    previewDir: env.MAIL_DIR,
    // With no active attorney and no ATTORNEY_NOTIFY_EMAIL, the first admin still hears of leads.
    attorneyFallback: (env.ATTORNEY_NOTIFY_EMAIL ?? env.ADMIN_EMAIL).toLowerCase(),
    firmName: env.BRAND_NAME,
    publicBaseUrl: publicBaseUrl(env),
  };
});

/** What the form, the thank-you page and the acknowledgement tell the prospect about the firm. */
export const firmConfig = registerAs('firm', () => {
  const env = loadEnv();
  return {
    name: env.BRAND_NAME,
    intro: env.FIRM_INTRO,
    responseTime: env.RESPONSE_TIME_TEXT,
    privacyUrl: env.PRIVACY_URL,
    contactEmail: env.FIRM_CONTACT_EMAIL ?? replyableAddress(env.MAIL_FROM),
    contactPhone: env.FIRM_CONTACT_PHONE
      ? firmPhone(env.FIRM_CONTACT_PHONE, env.DEFAULT_PHONE_COUNTRY)
      : null,
    defaultPhoneCountry: env.DEFAULT_PHONE_COUNTRY,
  };
});

/** MAIL_FROM's address, when a person could answer it (not a no-reply or localhost address). */
function replyableAddress(from: string): string | undefined {
  const address = addressparser(from, { flatten: true })[0]?.address ?? '';
  if (!address.includes('@') || /^no[-_.]?reply@|@localhost$/i.test(address)) return undefined;
  return address;
}

/** Durable delivery: the outbox relay and the notification dispatcher. */
export const deliveryConfig = registerAs('delivery', () => {
  const env = loadEnv();
  return {
    maxAttempts: env.MAIL_MAX_ATTEMPTS,
    retryBaseMs: env.MAIL_RETRY_BASE_MS,
    retryMaxMs: env.MAIL_RETRY_MAX_MS,
    pollMs: env.OUTBOX_POLL_MS,
    leaseMs: env.OUTBOX_LEASE_MS,
  };
});

/** Metrics, retention and webhooks. */
export const integrationsConfig = registerAs('integrations', () => {
  const env = loadEnv();
  return {
    metricsToken: env.METRICS_TOKEN,
    retentionDays: env.RETENTION_DAYS,
    webhookMaxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
    // http:// targets are for development (and the local receivers of tests, which allow
    // private targets anyway); webhooks carry personal data, so elsewhere they go over TLS.
    webhookAllowHttp: env.NODE_ENV === 'development' || env.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    webhookAllowPrivateTargets: env.WEBHOOK_ALLOW_PRIVATE_TARGETS,
  };
});

export type IntegrationsConfig = ReturnType<typeof integrationsConfig>;
/** Speed-to-lead: when a new lead falls due, and when admins hear it is still waiting. */
export const followUpConfig = registerAs('followUp', () => {
  const env = loadEnv();
  return {
    slaMs: durationToSeconds(env.FOLLOW_UP_SLA) * 1000,
    escalateAfterMs: durationToSeconds(env.FOLLOW_UP_ESCALATE_AFTER) * 1000,
    businessHours: parseBusinessHours(env.BUSINESS_HOURS),
    timeZone: env.FIRM_TIMEZONE,
  };
});

export type AppConfig = ReturnType<typeof appConfig>;
export type FollowUpConfig = ReturnType<typeof followUpConfig>;
export type DeliveryConfig = ReturnType<typeof deliveryConfig>;
export type EdgeConfig = ReturnType<typeof edgeConfig>;
export type AuthConfig = ReturnType<typeof authConfig>;
export type DatabaseConfig = ReturnType<typeof databaseConfig>;
export type MailConfig = ReturnType<typeof mailConfig>;
export type FirmConfig = ReturnType<typeof firmConfig>;
