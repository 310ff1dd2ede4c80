import { Inject, Injectable } from '@nestjs/common';
import * as dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { integrationsConfig, type IntegrationsConfig } from '../config/configuration';
import { classifyAddress } from './target-address';

/** Why a target URL may not be called; the message is shown to the admin or in the log. */
export class TargetRefused extends Error {}

/**
 * The SSRF policy for webhook targets: https:// only (http:// in development or when private
 * targets are allowed), no credentials in the URL, and every address the host resolves to must
 * be public (see classifyAddress), unless WEBHOOK_ALLOW_PRIVATE_TARGETS. Checked when an endpoint
 * is created and again before each attempt, because a name that resolved to a public address
 * yesterday may point inside the network today (DNS rebinding).
 */
@Injectable()
export class WebhookTargets {
  constructor(@Inject(integrationsConfig.KEY) private readonly config: IntegrationsConfig) {}

  /** Throws TargetRefused when the URL's form is not acceptable (no DNS). */
  parse(url: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new TargetRefused('must be an absolute https:// URL');
    }
    const https = parsed.protocol === 'https:';
    const http = parsed.protocol === 'http:' && this.config.webhookAllowHttp;
    if (!https && !http) {
      throw new TargetRefused(
        this.config.webhookAllowHttp
          ? 'must be an http:// or https:// URL'
          : 'must be an https:// URL (http:// is allowed in development only)',
      );
    }
    if (parsed.username || parsed.password) {
      throw new TargetRefused('must not carry a user name or password');
    }
    return parsed;
  }

  /** Throws TargetRefused unless `url` may be called now (form and every resolved address). */
  async check(url: string): Promise<void> {
    const parsed = this.parse(url);
    if (this.config.webhookAllowPrivateTargets) return;
    await this.publicAddresses(parsed.hostname.replace(/^\[|\]$/g, ''));
  }

  /**
   * The `lookup` a delivery's connection uses (undefined when private targets are allowed): the
   * address connected to is the one checked. Checking first and letting the HTTP client resolve
   * the name again would leave a name with a zero TTL free to answer a public address to the
   * check and 127.0.0.1 or 169.254.169.254 to the connection (DNS rebinding).
   */
  connectionLookup(): LookupFunction | undefined {
    if (this.config.webhookAllowPrivateTargets) return undefined;
    return (hostname, options, callback) => {
      this.publicAddresses(hostname).then(
        (addresses) => {
          if (options.all) return callback(null, addresses);
          const family = options.family === 6 || options.family === 'IPv6' ? 6 : 4;
          const chosen = options.family ? addresses.find((a) => a.family === family) : addresses[0];
          if (!chosen)
            return callback(
              new TargetRefused(`host ${hostname} has no IPv${family} address`),
              '',
              0,
            );
          callback(null, chosen.address, chosen.family);
        },
        (error: Error) => callback(error, '', 0),
      );
    };
  }

  /** Every address `host` resolves to; TargetRefused when it does not or one is not public. */
  private async publicAddresses(host: string): Promise<dns.LookupAddress[]> {
    let addresses: dns.LookupAddress[];
    try {
      addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'lookup failed';
      throw new TargetRefused(`host ${host} does not resolve (${code})`);
    }
    if (addresses.length === 0) throw new TargetRefused(`host ${host} does not resolve`);
    for (const { address } of addresses) {
      const verdict = classifyAddress(address);
      if (!verdict.allowed) {
        throw new TargetRefused(
          `host ${host} resolves to ${address}, ${verdict.reason}; webhooks only go to public addresses`,
        );
      }
    }
    return addresses;
  }
}
