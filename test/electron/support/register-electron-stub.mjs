// `node --import ./register-electron-stub.mjs out/main/index.js` runs the built main
// process on plain Node against the electron stub.
import { register } from 'node:module';

register('./electron-loader.mjs', import.meta.url);
