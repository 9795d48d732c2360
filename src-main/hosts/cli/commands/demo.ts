/** keyhub demo: fills a fresh data folder with the sample data (catalog, licensing books, PayPal and Stripe sales). */
import { Command } from 'commander';
import { toErrorBody } from '../../../api/dispatch';
import { action } from '../action';
import { ApiFailure } from '../failures';

export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'fill a fresh data folder with a realistic sample: catalogs of 3 vendors, signing keys, customers, signed licenses with domains, apps with reports, a year of PayPal sales, ' +
        'and Stripe purchases and subscriptions as a first sync would store them (Stripe itself stays unconnected)',
    )
    .option('--force', 'load even if the data folder already holds vendors')
    .action(
      action<{ force?: boolean }>(async ({ opts, session }) => {
        const { describeDemo, loadDemo } = await import('../../../domain/demo');
        const summary = await loadDemo(session.context(), { force: opts.force }).catch((error: unknown) => {
          throw new ApiFailure(toErrorBody(error));
        });
        const human = [
          `Loaded the demo data into ${session.dataDir}:`,
          ...describeDemo(summary),
          'Look around: keyhub license list, keyhub sku list, or keyhub serve to open it in your browser.',
        ].join('\n');
        return { data: { dataDir: session.dataDir, ...summary }, human };
      }),
    );
}
