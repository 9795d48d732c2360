/** keyhub serve: the browser host, in the foreground. */
import { Command } from 'commander';
import { action } from '../action';
import { wholeNumber } from '../parse';

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve KeyHub to your browser on 127.0.0.1 until Ctrl-C')
    .option('--port <n>', 'port to listen on (0 picks a free one)', wholeNumber, 0)
    .option('--no-open', 'do not try to open a browser (never opened when CI=true)')
    .action(
      action<{ port: number; open: boolean }>(async ({ opts, session, json }) => {
        // Loaded on demand: fastify is a third of the CLI's start-up time, and only serve needs it.
        const { serveInForeground } = await import('../../web/foreground');
        await serveInForeground({ dataDir: session.dataDir, port: opts.port, openBrowser: opts.open, json });
        // The banner was the output; nothing more to print.
        return { data: undefined, human: '' };
      }),
    );
}
