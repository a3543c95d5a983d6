import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess, stopProcess, waitForHttpOk, type RunningProcess } from './child-process';
import { freePort } from './free-port';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const webDir = join(repoRoot, 'apps/web');
const requireFromWeb = createRequire(join(webDir, 'package.json'));
const nextBin = requireFromWeb.resolve('next/dist/bin/next');
const tsxBin = requireFromWeb.resolve('tsx/cli');

export type Stack = {
  /** The API's own GraphQL endpoint, for clients other than the workbench. */
  apiGraphqlUrl: string;
  /** The workbench, which proxies `/graphql` to the API. */
  webUrl: string;
  /** Stops the API server and starts it again on the same port and database. */
  restartApi: () => Promise<void>;
  stop: () => Promise<void>;
};

const quietEnv = {
  NEXT_TELEMETRY_DISABLED: '1',
  TURBO_TELEMETRY_DISABLED: '1',
  NO_COLOR: '1',
};

/** CI builds the workbench first (`npm run build`); build it here only when it is missing. */
function ensureWorkbenchBuilt(): void {
  if (existsSync(join(webDir, '.next/BUILD_ID'))) return;
  const build = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: webDir,
    env: { ...process.env, ...quietEnv },
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
  }
}

/**
 * Starts the API server on a fresh embedded database (the demo workspace is
 * seeded into it unless `apiEnv` says otherwise) and the built workbench in
 * front of it, each on a free port.
 */
export async function startStack(
  options: { apiEnv?: Record<string, string> } = {},
): Promise<Stack> {
  ensureWorkbenchBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-e2e-'));
  const running = new Set<RunningProcess>();

  const stop = async () => {
    await Promise.all([...running].map((p) => stopProcess(p)));
    running.clear();
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const [apiPort, webPort] = [await freePort(), await freePort()];
    const apiOrigin = `http://127.0.0.1:${apiPort}`;
    const startApi = () => {
      const api = startProcess(
        'api server',
        process.execPath,
        [tsxBin, 'apps/server/src/main.ts'],
        {
          cwd: repoRoot,
          env: {
            ...process.env,
            ...quietEnv,
            PORT: String(apiPort),
            HOST: '127.0.0.1',
            PARLEY_DATA_DIR: join(dataDir, 'pglite'),
            NODE_ENV: 'test',
            LOG_LEVEL: 'warn',
            // The browser's Origin: pages there may use the session cookie.
            PARLEY_PUBLIC_URL: `http://127.0.0.1:${webPort}`,
            ...options.apiEnv,
          },
        },
      );
      running.add(api);
      return api;
    };
    let api = startApi();

    // As `npm start` runs it: `next start` behind serve.ts's X-Forwarded-For rule.
    const web = startProcess(
      'workbench',
      process.execPath,
      [tsxBin, 'serve.ts', '--port', String(webPort), '--hostname', '127.0.0.1'],
      {
        cwd: webDir,
        env: { ...process.env, ...quietEnv, NODE_ENV: 'production', PARLEY_API_URL: apiOrigin },
      },
    );
    running.add(web);

    await Promise.all([
      waitForHttpOk(api, `${apiOrigin}/healthz`),
      waitForHttpOk(web, `http://127.0.0.1:${webPort}/login`),
    ]);

    const restartApi = async () => {
      await stopProcess(api);
      running.delete(api);
      api = startApi();
      await waitForHttpOk(api, `${apiOrigin}/healthz`);
    };

    return {
      apiGraphqlUrl: `${apiOrigin}/graphql`,
      webUrl: `http://127.0.0.1:${webPort}`,
      restartApi,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
