import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';

/**
 * POSTs `body` to `url` and answers the response's status; the response body is drained, never
 * read or kept. node:http follows no redirect, and `lookup` (see WebhookTargets) resolves the
 * host for the connection itself, so the address connected to is the address checked.
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { lookup?: LookupFunction; signal: AbortSignal },
): Promise<number> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        lookup: options.lookup,
        signal: options.signal,
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
