// Webhook URLs must not point at the server's own network: loopback, private,
// link-local (cloud metadata), unique-local, CGNAT, multicast, reserved…
// Checked when a webhook is registered and again before every delivery
// (a hostname can be re-pointed after registration).
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { badInput } from '../shared/errors.js';

export interface AddressPolicy {
  /** Allow private and loopback targets (tests, on-premises receivers). */
  allowPrivate: boolean;
}

/** True when the address is an ordinary public unicast address. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

export function parseWebhookUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badInput('url: is not a URL', { field: 'url' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw badInput('url: must be http(s)', { field: 'url' });
  if (url.username || url.password)
    throw badInput('url: must not contain credentials', { field: 'url' });
  return url;
}

/** Resolves the URL's host and refuses internal addresses unless the policy allows them. */
export async function assertDeliverable(url: URL, policy: AddressPolicy): Promise<void> {
  if (policy.allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = ipaddr.isValid(host)
    ? [host]
    : (await lookup(host, { all: true, verbatim: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) throw badInput(`url: ${host} does not resolve`, { field: 'url' });
  const internal = addresses.find((address) => !isPublicAddress(address));
  if (internal) {
    throw badInput(
      `url: ${host} points at an internal address (${internal}); that is not allowed`,
      { field: 'url' },
    );
  }
}
