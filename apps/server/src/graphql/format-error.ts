// One error policy for HTTP and WebSocket: domain errors keep their code and
// message; a database failure that stands for one (a full disk, a value the
// database cannot store) becomes it; anything else is logged (without query
// text or parameters, see logger.ts) and masked.
import { unwrapResolverError } from '@apollo/server/errors';
import { domainErrorOf } from '@parley/core';
import type { GraphQLFormattedError } from 'graphql';

export function createErrorFormatter(log: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const domain = domainErrorOf(original);
    if (domain) {
      // Not a bug of ours, but worth knowing (the serializer keeps the SQLSTATE only).
      if (domain !== original) log(original);
      return {
        message: domain.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: domain.code, ...domain.details },
      };
    }
    const code = formatted.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
      log(original);
      return {
        message: 'Internal server error',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    }
    return formatted;
  };
}
