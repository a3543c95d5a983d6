export * from './start-test-server.js';
export * from './graphql-client.js';
