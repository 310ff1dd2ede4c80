import ipaddr from 'ipaddr.js';

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * Cloud instance-metadata services. Most are link-local or unique-local anyway; listed so the
 * message names them, and so a provider's address in a public-looking range is caught too.
 */
const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200', '168.63.129.16']);

const REASONS: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique-local address',
  carrierGradeNat: 'a shared (CGNAT) address',
  multicast: 'a multicast address',
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
};

/**
 * Whether a webhook may be sent to `address`. Only ordinary public unicast addresses pass: every
 * special range ipaddr.js knows (loopback, RFC 1918, link-local, unique-local, CGNAT, multicast,
 * documentation, 6to4/Teredo/NAT64, which embed an IPv4 address that could be private…) is
 * refused. IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it carries.
 */
export function classifyAddress(address: string): AddressVerdict {
  if (!ipaddr.isValid(address)) return { allowed: false, reason: 'not an IP address' };
  const ip = ipaddr.process(address);
  if (METADATA.has(ip.toNormalizedString()) || METADATA.has(ip.toString())) {
    return { allowed: false, reason: 'a cloud metadata address' };
  }
  const range = ip.range();
  // IPv4-compatible IPv6 (::a.b.c.d, deprecated): ipaddr.js calls it unicast, but it carries an
  // IPv4 address that may be private; nothing public uses it.
  if (range === 'unicast' && ip.kind() === 'ipv6' && ip.match(ipaddr.parseCIDR('::/96'))) {
    return { allowed: false, reason: 'an IPv4-compatible IPv6 address' };
  }
  if (range === 'unicast') return { allowed: true };
  return { allowed: false, reason: REASONS[range] ?? `a reserved address (${range})` };
}
