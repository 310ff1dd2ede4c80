import { IsString, MinLength } from 'class-validator';
import { Bool, Int, Optional } from './env-decorators';

/**
 * The environment variables of integrations and privacy (metrics, retention, webhooks); part of
 * EnvironmentVariables, validated with it.
 */
export class IntegrationsEnvironment {
  /** Unset: GET /metrics answers 404. Set: scrapers send it as a bearer token. */
  @Optional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** Unset: leads are kept. Set: leads older than this many days are erased, daily. */
  @Optional()
  @Int(1, 36_500)
  RETENTION_DAYS?: number;

  /** Delivery attempts per webhook event and endpoint before it is given up. */
  @Int(1, 50)
  WEBHOOK_MAX_ATTEMPTS = 8;

  /** Lets webhooks target loopback and private addresses (tests, a CRM on the same network). */
  @Bool()
  WEBHOOK_ALLOW_PRIVATE_TARGETS = false;
}
