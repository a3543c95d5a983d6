import { readFileSync } from 'node:fs';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { buildResolvers } from './resolvers/index.js';

export const schemaPath = new URL('../../../../schema.graphql', import.meta.url);

export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: readFileSync(schemaPath, 'utf8'),
    resolvers: buildResolvers(),
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
}
