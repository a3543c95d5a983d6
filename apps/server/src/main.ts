// `npm start` entry: configuration → server → demo data → signals.
import { DEMO_AGENT_LOGIN } from '@parley/core';
import { loadConfig } from './env.js';
import { createLogger } from './logger.js';
import { startServer } from './server.js';

const config = loadConfig();
const log = createLogger(config.logLevel);

try {
  const server = await startServer(config, log);
  log.info({ url: server.graphqlUrl, database: server.database.kind }, 'Parley API ready');
  if (config.seedDemo) {
    const demo = await server.core.seedDemoWorkspace();
    if (demo.seeded) log.info({ email: demo.email }, 'created the demo workspace');
    // Printed plainly so a new user sees it among the JSON logs.
    process.stdout.write(
      `\n  Parley demo login: ${demo.email} / ${demo.password}` +
        `\n  Second agent:      ${DEMO_AGENT_LOGIN.email} / ${DEMO_AGENT_LOGIN.password}` +
        `\n  (demo data is on: PARLEY_SEED_DEMO=true; set it to false for a real deployment)\n\n`,
    );
  } else if ((await server.core.setupStatus()).needsSetup) {
    process.stdout.write(
      `\n  No workspace yet: open ${config.publicUrl}/setup to create the first one and its owner.\n\n`,
    );
  }
  if (config.signUpEnabled) log.info('public sign-up is on (PARLEY_SIGNUP=true)');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (error) {
  log.fatal({ err: error }, 'Parley failed to start');
  process.exit(1);
}
