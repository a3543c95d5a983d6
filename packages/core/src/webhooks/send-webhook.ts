// One webhook POST that connects only to addresses checked a moment before:
// the host is resolved once (address-policy.ts) and the socket's `lookup`
// hands out exactly those addresses, so a name re-pointed at an internal
// address after the check (DNS rebinding) is never reached.
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkedAddresses, type AddressPolicy, type CheckedAddress } from './address-policy.js';

export interface WebhookRequest {
  url: URL;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** A `lookup` for net.connect that answers with the checked addresses and nothing else. */
export function pinnedLookup(addresses: readonly CheckedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const [first] = addresses;
    if (!first) {
      callback(new Error('no checked address'), '', 4);
      return;
    }
    const wanted = addresses.filter((a) => !options.family || a.family === options.family);
    if (options.all) {
      (callback as unknown as (error: null, all: CheckedAddress[]) => void)(
        null,
        wanted.length > 0 ? wanted : [...addresses],
      );
    } else {
      const chosen = wanted[0] ?? first;
      callback(null, chosen.address, chosen.family);
    }
  };
}

/** Resolves and checks the URL's host, then POSTs to a checked address; resolves to the HTTP status. */
export async function postWebhook(request: WebhookRequest, policy: AddressPolicy): Promise<number> {
  const addresses = await checkedAddresses(request.url, policy);
  const send = request.url.protocol === 'https:' ? httpsRequest : httpRequest;
  const options: RequestOptions = {
    method: 'POST',
    headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
    lookup: pinnedLookup(addresses),
    // A fresh connection per delivery: a pooled socket could have been
    // opened to an address checked under another resolution.
    agent: false,
    signal: AbortSignal.timeout(request.timeoutMs),
  };
  return new Promise<number>((resolve, reject) => {
    const outgoing = send(request.url, options, (response) => {
      // Only the status matters; redirects are not followed.
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}
