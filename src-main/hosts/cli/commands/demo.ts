/** keyhub demo: fills a fresh data folder with the sample catalog. */
import { Command } from 'commander';
import { toErrorBody } from '../../../api/dispatch';
import { action } from '../action';
import { ApiFailure } from '../failures';

export function demoCommand(): Command {
  return new Command('demo')
    .description('fill a fresh data folder with a realistic sample catalog (3 vendors, SKUs, feature codes, packages)')
    .option('--force', 'load even if the data folder already holds vendors')
    .action(
      action<{ force?: boolean }>(async ({ opts, session }) => {
        const { loadDemo } = await import('../../../domain/demo');
        const summary = await loadDemo(session.context(), { force: opts.force }).catch((error: unknown) => {
          throw new ApiFailure(toErrorBody(error));
        });
        const human = [
          `Loaded the demo catalog into ${session.dataDir}:`,
          `  ${summary.vendors} vendors, ${summary.skus} SKUs, ${summary.features} feature codes, ${summary.packages} packages, ${summary.releases} releases.`,
          'Look around: keyhub sku list, keyhub package show 1, or keyhub serve to open it in your browser.',
        ].join('\n');
        return { data: { dataDir: session.dataDir, ...summary }, human };
      }),
    );
}
