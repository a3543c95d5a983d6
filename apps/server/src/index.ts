export { startServer, type ParleyServer, type StartOptions } from './server.js';
export { loadConfig, type ServerConfig } from './env.js';
export { createLogger } from './logger.js';
