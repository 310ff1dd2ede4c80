import { createHmac } from 'node:crypto';
import { newWebhookSecret, signatureHeader } from './webhook-signature';

describe('webhook signatures', () => {
  it('makes whsec_ secrets of 32 random bytes', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[\w-]{43}$/);
    expect(Buffer.from(a.slice(6), 'base64url')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(a);
  });

  it('signs t + "." + body with each secret, current first', () => {
    const body = '{"id":"e1","type":"lead.created"}';
    const hmac = (secret: string) =>
      createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signatureHeader(['whsec_new'], 1700000000, body)).toBe(
      `t=1700000000,v1=${hmac('whsec_new')}`,
    );
    expect(signatureHeader(['whsec_new', 'whsec_old'], 1700000000, body)).toBe(
      `t=1700000000,v1=${hmac('whsec_new')},v1=${hmac('whsec_old')}`,
    );
  });
});
