/** keyhub settings show|ipn: KeyHub's settings (IPN online validation today). */
import { Command, Option } from 'commander';
import type { MethodInput } from '../../../api/contract';
import type { KeyHubSettings } from '../../../domain/sales/types';
import { action } from '../action';
import { UsageFailure } from '../failures';
import { keyValues } from '../format';

export function settingsText(settings: KeyHubSettings): string {
  return keyValues([
    ['IPN validation', settings.ipn.validate ? 'on (each message is posted back to PayPal before it is recorded)' : 'off'],
    ['Validation URL', settings.ipn.validateUrl],
  ]);
}

export function settingsCommand(): Command {
  const command = new Command('settings').description("KeyHub's settings");
  command
    .command('show')
    .description('show the settings')
    .action(
      action(async ({ session }) => {
        const settings = await session.call('settings.get', {});
        return { data: settings, human: settingsText(settings) };
      }),
    );
  command
    .command('ipn')
    .description('IPN import: validate each message with PayPal (cmd=_notify-validate) before recording it')
    .addOption(new Option('--validate <on|off>', 'post each message back to PayPal before it is recorded').choices(['on', 'off']))
    .option('--url <url>', 'where to post back (default https://ipnpb.paypal.com/cgi-bin/webscr; a sandbox or a test server)')
    .action(
      action<{ validate?: 'on' | 'off'; url?: string }>(
        async ({ opts, session }) => {
          if (opts.validate === undefined && opts.url === undefined) throw new UsageFailure('Give --validate on|off, --url URL, or both.');
          const ipn: NonNullable<MethodInput<'settings.update'>['ipn']> = {
            ...(opts.validate !== undefined && { validate: opts.validate === 'on' }),
            ...(opts.url !== undefined && { validateUrl: opts.url }),
          };
          const settings = await session.call('settings.update', { ipn });
          return { data: settings, human: settingsText(settings) };
        },
        { 'ipn.validate': '--validate', 'ipn.validateUrl': '--url' },
      ),
    );
  return command;
}
