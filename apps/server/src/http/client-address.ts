import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import proxyAddr from 'proxy-addr';
import type { RequestInfo } from '@parley/core';

/** Decides whether the hop at `index` (0 = the socket's peer) with `address` is a trusted proxy. */
export type TrustProxy = (address: string, index: number) => boolean;

/**
 * Compiles `PARLEY_TRUST_PROXY` the way Express's `trust proxy` setting reads
 * (through proxy-addr, Express's own implementation):
 * - `false` / `0`: trust no proxy, the socket's peer is the client;
 * - a number `n`: trust the `n` nearest hops, whatever their address;
 * - a comma-separated list of addresses, CIDRs or the names `loopback`,
 *   `linklocal`, `uniquelocal`: trust hops with those addresses.
 * The default, `loopback`, trusts the workbench's proxy on this machine, which
 * overwrites X-Forwarded-For with the one address it saw.
 */
export function compileTrustProxy(setting: string): TrustProxy {
  const value = setting.trim().toLowerCase();
  if (value === '' || value === 'false' || value === '0') return () => false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, index) => index < hops;
  }
  return proxyAddr.compile(
    value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );
}

/**
 * The caller's IP, or null when it is unknown: X-Forwarded-For entries are
 * believed only through trusted hops, and whatever comes out must be a
 * well-formed IP address (a forged header can hold any text).
 */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string | null {
  if (!req.socket.remoteAddress) return null;
  return normalizeAddress(proxyAddr(req, trust));
}

/** A canonical IP address (IPv4-mapped IPv6 as IPv4), or null when `value` is not one. */
export function normalizeAddress(value: string | undefined | null): string | null {
  if (!value || isIP(value) === 0) return null;
  return ipaddr.process(value).toString();
}

/** The caller's device facts for the visitor profile, from an HTTP or upgrade request. */
export function requestInfo(req: IncomingMessage, trust: TrustProxy): RequestInfo {
  return { userAgent: req.headers['user-agent'] ?? null, ip: clientAddress(req, trust) };
}
