import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const DB_TYPES = ['sqlite', 'postgres'] as const;
export type DbType = (typeof DB_TYPES)[number];

/** Values that ship in .env.example or docs and therefore must never be used as a real secret. */
export const KNOWN_PLACEHOLDER_SECRETS = [
  'change-me',
  'changeme',
  'secret',
  'please-change-this-secret',
];

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  return value;
};
const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  value === '' ? undefined : value;

/**
 * Every environment variable the service reads, with its default. Validated once per
 * configuration load; an invalid value stops start-up with a message naming the variable.
 */
export class EnvironmentVariables {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @Transform(emptyToUndefined)
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

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  DATABASE_URL?: string;

  @IsString()
  DB_HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  DB_PORT = 5432;

  @IsString()
  DB_USER = 'postgres';

  @IsString()
  DB_PASSWORD = '';

  @IsString()
  DB_NAME = 'leads';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  DB_STATEMENT_TIMEOUT_MS = 10000;

  /** How long a SQLite write waits for another connection's lock before it fails. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  DB_BUSY_TIMEOUT_MS = 5000;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Matches(/^\d+[smhd]?$/, { message: 'JWT_EXPIRES_IN must be seconds or a number with s/m/h/d' })
  JWT_EXPIRES_IN = '15m';

  @Transform(toInt)
  @IsInt()
  @Min(4)
  @Max(15)
  BCRYPT_COST = 12;

  @IsEmail({ require_tld: false })
  ADMIN_EMAIL = 'admin@example.com';

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsEmail({ require_tld: false })
  ATTORNEY_NOTIFY_EMAIL?: string;

  @IsString()
  MAIL_FROM = 'Lead Intake <no-reply@localhost>';

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  SMTP_URL?: string;

  /** Never send SMTP credentials (or mail) over a connection that did not upgrade with STARTTLS. */
  @Transform(toBool)
  @IsBoolean()
  SMTP_REQUIRE_TLS = false;

  @IsString()
  MAIL_DIR = './data/mail';

  @IsString()
  @MinLength(1)
  BRAND_NAME = 'Lead Intake';

  @Matches(/^#[0-9a-f]{3}([0-9a-f]{3})?$/i, {
    message: 'BRAND_COLOR must be a hex colour like #1f4e79',
  })
  BRAND_COLOR = '#1f4e79';

  @Transform(toBool)
  @IsBoolean()
  SWAGGER_ENABLED = true;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  RESUME_MAX_BYTES = 5 * 1024 * 1024;

  /** Express "trust proxy": false, true, a hop count, or a comma list of addresses/subnets. */
  @Matches(/^(true|false|\d+|[\w.:/,\s-]+)$/i, {
    message: 'TRUST_PROXY must be true, false, a hop count or a list of proxy addresses',
  })
  TRUST_PROXY = 'false';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  THROTTLE_LEADS_PER_MINUTE = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  THROTTLE_LOGIN_FAILURES_PER_MINUTE = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  IDEMPOTENCY_TTL_HOURS = 24;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  MAIL_MAX_ATTEMPTS = 8;

  /** First retry delay; each later one doubles (with jitter) up to MAIL_RETRY_MAX_MS. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  MAIL_RETRY_BASE_MS = 30_000;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  MAIL_RETRY_MAX_MS = 3_600_000;

  /** How often each instance looks for due outbox events and notifications. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  OUTBOX_POLL_MS = 1000;

  /** How long a claimed row stays with its instance before another may take it over. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  OUTBOX_LEASE_MS = 120_000;
}

/** Parses and validates an environment; throws one Error listing every bad variable. */
export function validateEnv(raw: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) =>
      Object.values(e.constraints ?? {}).map((msg) => `  ${e.property}: ${msg}`),
    );
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (env.NODE_ENV === 'production') assertProductionSecrets(env);
  return env;
}

function assertProductionSecrets(env: EnvironmentVariables): void {
  const secret = env.JWT_SECRET;
  if (!secret) {
    throw new Error('Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production');
  }
  const lowered = secret.toLowerCase();
  if (KNOWN_PLACEHOLDER_SECRETS.some((p) => lowered.includes(p)) || new Set(secret).size < 10) {
    throw new Error(
      'Invalid configuration:\n  JWT_SECRET: looks like a placeholder; generate one with `openssl rand -base64 48`',
    );
  }
}

/** The validated environment of this process. */
export function loadEnv(): EnvironmentVariables {
  return validateEnv(process.env);
}
