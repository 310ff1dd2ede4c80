import { plainToInstance } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsString,
  IsUrl,
  Matches,
  MinLength,
  Validate,
  validateSync,
} from 'class-validator';
import {
  Bool,
  Duration,
  HasMailAddress,
  Int,
  Optional,
  PasswordPolicy,
  PhoneCountry,
  PlainText,
  IsBusinessHours,
  IsTimeZone,
} from './env-decorators';
import { dotenvCommentHint } from './dotenv-hint';
import { IntegrationsEnvironment } from './integrations-env';
import { weakSecretReason } from './secret-strength';
import { firmPhone } from './firm-phone';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const DB_TYPES = ['sqlite', 'postgres'] as const;
export type DbType = (typeof DB_TYPES)[number];

/**
 * Every environment variable the service reads, with its default. Validated once per
 * configuration load; an invalid value stops start-up with a message naming the variable.
 */
export class EnvironmentVariables extends IntegrationsEnvironment {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @Int(0, 65535)
  PORT = 3000;

  @Optional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  PUBLIC_BASE_URL?: string;

  @IsString()
  CORS_ORIGINS = '';

  @Matches(/^\d+(b|kb|mb)?$/i, { message: 'JSON_BODY_LIMIT must look like 100kb or 1mb' })
  JSON_BODY_LIMIT = '100kb';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsIn(DB_TYPES)
  DB_TYPE: DbType = 'sqlite';

  @IsString()
  DB_PATH = './data/leads.sqlite';

  @Optional()
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, {
    message: 'DATABASE_URL must start with postgres:// or postgresql://',
  })
  DATABASE_URL?: string;

  @IsString()
  DB_HOST = '127.0.0.1';

  @Int(1, 65535)
  DB_PORT = 5432;

  @IsString()
  DB_USER = 'postgres';

  @IsString()
  DB_PASSWORD = '';

  @IsString()
  DB_NAME = 'leads';

  @Int(1, 200)
  DB_POOL_SIZE = 10;

  @Int(0)
  DB_STATEMENT_TIMEOUT_MS = 10000;

  /** How long a SQLite write waits for another connection's lock before it fails. */
  @Int(0, 600_000)
  DB_BUSY_TIMEOUT_MS = 5000;

  @Optional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Duration()
  JWT_EXPIRES_IN = '15m';

  /** A session ends this long after its last sign-in or refresh (the page refreshes while used). */
  @Duration()
  SESSION_IDLE_TIMEOUT = '2h';

  /** And at the latest this long after sign-in, however active: a working day. */
  @Duration()
  SESSION_MAX_AGE = '12h';

  @Int(4, 15)
  BCRYPT_COST = 12;

  @IsEmail({ require_tld: false })
  ADMIN_EMAIL = 'admin@example.com';

  /** Same rules as every password (POST /users): ≥ 12 characters, ≤ 72 bytes, not blank. */
  @Optional()
  @IsString()
  @Validate(PasswordPolicy)
  ADMIN_PASSWORD?: string;

  @Optional()
  @IsEmail({ require_tld: false })
  ATTORNEY_NOTIFY_EMAIL?: string;

  /** `Name <address>` or a bare address; without an address, mail would leave with no From. */
  @IsString()
  @Validate(HasMailAddress)
  MAIL_FROM = 'Lead Intake <no-reply@localhost>';

  @Optional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  SMTP_URL?: string;

  /** Never send SMTP credentials (or mail) over a connection that did not upgrade with STARTTLS. */
  @Bool()
  SMTP_REQUIRE_TLS = false;

  /** How long the start-up check of the SMTP server may take; 0 skips the check. */
  @Int(0, 60_000)
  SMTP_VERIFY_TIMEOUT_MS = 5000;

  @IsString()
  MAIL_DIR = './data/mail';

  @IsString()
  @MinLength(1)
  BRAND_NAME = 'Lead Intake';

  @Matches(/^#[0-9a-f]{3}([0-9a-f]{3})?$/i, {
    message: 'BRAND_COLOR must be a hex colour like #1f4e79',
  })
  BRAND_COLOR = '#1f4e79';

  /** A short paragraph introducing the firm, shown on the intake form. */
  @Optional()
  @PlainText(600)
  FIRM_INTRO?: string;

  /** When the prospect will hear back, completing "…will contact you ___" (e.g. within one business day). */
  @Optional()
  @PlainText(100)
  RESPONSE_TIME_TEXT?: string;

  /** The firm's privacy notice, linked from the form. */
  @Optional()
  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_tld: false },
    { message: 'PRIVACY_URL must be an https:// URL' },
  )
  PRIVACY_URL?: string;

  /** Where prospects may write to the firm (thank-you page, acknowledgement). */
  @Optional()
  @IsEmail({ require_tld: false })
  FIRM_CONTACT_EMAIL?: string;

  /** The firm's phone for prospects, in any format; with its country code unless in DEFAULT_PHONE_COUNTRY. */
  @Optional()
  @PlainText(40)
  FIRM_CONTACT_PHONE?: string;

  /** The country of phone numbers typed without a country code (ISO 3166 alpha-2). */
  @PhoneCountry()
  DEFAULT_PHONE_COUNTRY = 'US';

  @Bool()
  SWAGGER_ENABLED = true;

  @Int(1024, 50 * 1024 * 1024)
  RESUME_MAX_BYTES = 5 * 1024 * 1024;

  /** Express "trust proxy": false, true, a hop count, or a comma list of addresses/subnets. */
  @Matches(/^(true|false|\d+|[\w.:/,\s-]+)$/i, {
    message: 'TRUST_PROXY must be true, false, a hop count or a list of proxy addresses',
  })
  TRUST_PROXY = 'false';

  @Int(1)
  THROTTLE_LEADS_PER_MINUTE = 10;

  /** Submits per client address per day (a bot that stays under the minute limit all day). */
  @Int(1)
  THROTTLE_LEADS_PER_DAY = 100;

  @Int(1)
  THROTTLE_LOGIN_FAILURES_PER_MINUTE = 5;

  @Int(1, 24 * 30)
  IDEMPOTENCY_TTL_HOURS = 24;

  @Int(1, 50)
  MAIL_MAX_ATTEMPTS = 8;

  /** First retry delay; each later one doubles (with jitter) up to MAIL_RETRY_MAX_MS. */
  @Int(10)
  MAIL_RETRY_BASE_MS = 30_000;

  @Int(10)
  MAIL_RETRY_MAX_MS = 3_600_000;

  /** How often each instance looks for due outbox events and notifications. */
  @Int(10, 60_000)
  OUTBOX_POLL_MS = 1000;

  /** How long a claimed row stays with its instance before another may take it over. */
  @Int(100)
  OUTBOX_LEASE_MS = 120_000;

  /** A new lead is due for first contact this much business time after it arrives. */
  @Duration()
  FOLLOW_UP_SLA = '4h';

  /** Admins hear of a lead still pending this much business time after it fell due. */
  @Duration()
  FOLLOW_UP_ESCALATE_AFTER = '4h';

  @IsBusinessHours()
  BUSINESS_HOURS = 'Mon-Fri 09:00-17:00';

  @IsTimeZone()
  FIRM_TIMEZONE = 'UTC';
}

type Problem = [variable: string, message: string];

/**
 * Parses and validates an environment; throws one Error listing every bad variable, each with
 * `hint(variable)` when there is one (e.g. an unquoted `#` in .env).
 */
export function validateEnv(
  raw: Record<string, unknown>,
  hint: (variable: string) => string | null = () => null,
): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const problems: Problem[] = validateSync(env, { skipMissingProperties: false }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((msg): Problem => [e.property, msg]),
  );
  problems.push(...combinationProblems(env));
  if (env.NODE_ENV === 'production') problems.push(...productionProblems(env));
  if (problems.length > 0) {
    const lines = problems.map(([variable, message]) => {
      const extra = hint(variable);
      return `  ${variable}: ${message}${extra ? `\n    (${extra})` : ''}`;
    });
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return env;
}

function combinationProblems(env: EnvironmentVariables): Problem[] {
  const problems: Problem[] = [];
  if (env.DATABASE_URL && env.DB_TYPE !== 'postgres') {
    problems.push(['DATABASE_URL', 'is set but DB_TYPE is not postgres: set DB_TYPE=postgres']);
  }
  if (env.FIRM_CONTACT_PHONE && !firmPhone(env.FIRM_CONTACT_PHONE, env.DEFAULT_PHONE_COUNTRY)) {
    problems.push([
      'FIRM_CONTACT_PHONE',
      `is not a valid phone number (give the country code unless it is a ${env.DEFAULT_PHONE_COUNTRY} number)`,
    ]);
  }
  return problems;
}

/** A deployment must not run on defaults meant for a laptop. */
function productionProblems(env: EnvironmentVariables): Problem[] {
  const problems: Problem[] = [];
  const secret = env.JWT_SECRET;
  const weakness = secret ? weakSecretReason(secret) : 'required when NODE_ENV=production';
  if (weakness) {
    const advice = secret ? '; generate one with `openssl rand -base64 48`' : '';
    problems.push(['JWT_SECRET', `${weakness}${advice}`]);
  }
  if (!env.SMTP_URL) {
    problems.push([
      'SMTP_URL',
      'required when NODE_ENV=production (without it mail is only written to files)',
    ]);
  }
  return problems;
}

let validated: { source: string; env: EnvironmentVariables } | undefined;

/**
 * The validated environment of this process, validated once and shared by every configuration
 * factory (again only if the environment changed, as tests change it between apps).
 */
export function loadEnv(): EnvironmentVariables {
  const source = JSON.stringify(process.env);
  if (validated?.source !== source) {
    validated = { source, env: validateEnv(process.env, (name) => dotenvCommentHint(name)) };
  }
  return validated.env;
}
