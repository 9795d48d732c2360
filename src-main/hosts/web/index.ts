export { startWebHost, defaultStaticDir, type WebHost, type WebHostOptions } from './server';
export { TOKEN_HEADER } from './guards';
