/** `npm start -- …` (and `npm run dev -- …`) arguments: the launcher's own, and the rest for Electron. */
import { parseArgs } from 'node:util';

export interface LauncherArgs {
  /** `npm run dev`: Electron with hot reload, or the browser host rebuilding the UI on change. */
  dev: boolean;
  demo: boolean;
  data?: string;
  port?: number;
  noOpen: boolean;
  /** Everything else, in order, for Electron. */
  rest: string[];
}

const OWN = new Set(['dev', 'demo', 'data', 'port', 'no-open']);

export function parseLauncherArgs(argv: string[]): LauncherArgs {
  const { values, tokens } = parseArgs({
    args: argv,
    strict: false,
    tokens: true,
    options: {
      dev: { type: 'boolean' },
      demo: { type: 'boolean' },
      data: { type: 'string' },
      port: { type: 'string' },
      'no-open': { type: 'boolean' },
    },
  });
  const rest = tokens.flatMap((t) => {
    if (t.kind === 'positional') return [t.value];
    if (t.kind === 'option' && !OWN.has(t.name)) return t.value === undefined ? [t.rawName] : [`${t.rawName}=${t.value}`];
    return [];
  });
  if (values.data === true) throw new Error('--data needs a folder, as in --data ./my-keyhub.');
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new Error(`--port must be a port number (0-65535), not "${String(values.port)}".`);
  }
  return {
    dev: values.dev === true,
    demo: values.demo === true,
    data: typeof values.data === 'string' ? values.data : undefined,
    port,
    noOpen: values['no-open'] === true,
    rest,
  };
}
