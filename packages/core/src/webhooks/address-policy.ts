// Webhook URLs must not point at the server's own network: loopback, private,
// link-local (cloud metadata), unique-local, CGNAT, multicast, reserved, and
// IPv6 forms that embed an IPv4 address (IPv4-compatible ::a.b.c.d, mapped,
// NAT64, 6to4, Teredo). Checked when a webhook is registered and again at
// every delivery, where the request connects only to the addresses just
// checked (send-webhook.ts): a hostname re-pointed between check and connect
// (DNS rebinding) cannot reach anything else.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { badInput } from '../shared/errors.js';

export interface AddressPolicy {
  /** Allow private and loopback targets (tests, on-premises receivers). */
  allowPrivate: boolean;
  /** Resolves a hostname to its addresses (default: the system resolver); tests replace it. */
  resolve?: (hostname: string) => Promise<string[]>;
}

/** An address a delivery may connect to, already checked against the policy. */
export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/** True when the address is an ordinary public unicast address. */
export function isPublicAddress(address: string): boolean {
  if (isIP(address) === 0) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) {
      parsed = v6.toIPv4Address();
    } else if (v6.parts.slice(0, 6).every((part) => part === 0)) {
      // ::/96 — unspecified, loopback and the deprecated IPv4-compatible
      // ::a.b.c.d, which some stacks still route to the IPv4 address.
      return false;
    }
  }
  // NAT64 (rfc6052), 6to4, Teredo and rfc6145 have ranges of their own, so
  // only plain unicast passes.
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

async function systemResolve(hostname: string): Promise<string[]> {
  const found = await lookup(hostname, { all: true, verbatim: true }).catch(() => []);
  return found.map((entry) => entry.address);
}

/**
 * Resolves the URL's host once and checks every address it resolves to;
 * refuses internal ones unless the policy allows them. Returns the checked
 * addresses: connect to these, never resolve the name again.
 */
export async function checkedAddresses(url: URL, policy: AddressPolicy): Promise<CheckedAddress[]> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses =
    isIP(host) !== 0 ? [host] : await (policy.resolve ?? systemResolve)(host).catch(() => []);
  const valid = addresses.filter((address) => isIP(address) !== 0);
  if (valid.length === 0) throw badInput(`url: ${host} does not resolve`, { field: 'url' });
  if (!policy.allowPrivate) {
    const internal = valid.find((address) => !isPublicAddress(address));
    if (internal) {
      throw badInput(
        `url: ${host} points at an internal address (${internal}); that is not allowed`,
        { field: 'url' },
      );
    }
  }
  return valid.map((address) => ({ address, family: isIP(address) === 6 ? 6 : 4 }));
}

/** Resolves the URL's host and refuses internal addresses unless the policy allows them. */
export async function assertDeliverable(url: URL, policy: AddressPolicy): Promise<void> {
  if (policy.allowPrivate) return;
  await checkedAddresses(url, policy);
}
