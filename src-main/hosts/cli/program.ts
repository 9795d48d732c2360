/** The `keyhub` command tree. Global options (--data, --json) are read by every command. */
import { Command } from 'commander';
import { demoCommand } from './commands/demo';
import { domainCommand } from './commands/domain';
import { featureCommand } from './commands/feature';
import { infoCommand } from './commands/info';
import { keyCommand } from './commands/key';
import { licenseCommand } from './commands/license';
import { packageCommand } from './commands/package';
import { releaseCommand } from './commands/release';
import { serveCommand } from './commands/serve';
import { signCommand } from './commands/sign';
import { skuCommand } from './commands/sku';
import { vendorCommand } from './commands/vendor';
import { verifyCommand } from './commands/verify';
import { auditCommand } from './commands/audit';
import { customerCommand } from './commands/customer';
import { rightCommand } from './commands/right';
import { userCommand } from './commands/user';
import { appCommand } from './commands/app';
import { importCommand } from './commands/import';
import { settingsCommand } from './commands/settings';
import { transactionCommand } from './commands/transaction';
import { fulfilmentCommand } from './commands/fulfilment';
import { stripeCommand } from './commands/stripe';
import { syncCommand } from './commands/sync';
import { subscriptionCommand } from './commands/subscription';

const EXAMPLES = `
Data folder: --data DIR, else $KEYHUB_DATA, else the per-user default (the desktop app's).

Examples:
  keyhub demo --data ./try-keyhub          fill a fresh folder with a sample catalog
  keyhub sku list --vendor 1 --sort releaseDate --desc
  keyhub sku add --vendor 1 --code R4Elite --max-domains 10 --feature R_Elite --feature R_WebP
  keyhub sku retire 4 --at 2026-12-31
  keyhub package show 2 --json
  keyhub key generate --vendor 1 --name "Resizer 2026"   asks for the passphrase (or $KEYHUB_PASSPHRASE)
  keyhub sign --sku R4Elite --owner "Kathrin Fretz" --domain example.com --out example.license
  keyhub license issue --sku R4Elite --customer 3 --domain example.com   owner from the customer
  keyhub domain add 12 shop.example.com --automatic
  keyhub import ipn paypal-ipn.txt         record purchases, issue their licenses (once)
  keyhub stripe connect --key-file rk.txt  connect Stripe (the key is never an argument)
  keyhub sync stripe                       sync now: purchases fulfilled, refunds revoked
  keyhub verify example.license --public-key "$(keyhub key public 1)" --domain example.com
  keyhub serve --port 4780                 open the full UI in your browser`;

export function buildProgram(): Command {
  const program = new Command('keyhub')
    .description("KeyHub: the licensing console for software vendors' staff")
    .option('--data <dir>', 'data folder (default: $KEYHUB_DATA or the per-user folder)')
    .option('--json', 'print machine-readable JSON (the API envelope\'s data; {"ok":false,…} on failure)')
    .addHelpText('after', EXAMPLES);

  for (const command of [
    vendorCommand(),
    skuCommand(),
    featureCommand(),
    packageCommand(),
    releaseCommand(),
    keyCommand(),
    signCommand(),
    licenseCommand(),
    domainCommand(),
    appCommand(),
    customerCommand(),
    userCommand(),
    rightCommand(),
    auditCommand(),
    importCommand(),
    transactionCommand(),
    fulfilmentCommand(),
    stripeCommand(),
    syncCommand(),
    subscriptionCommand(),
    settingsCommand(),
    verifyCommand(),
    demoCommand(),
    serveCommand(),
    infoCommand(),
  ]) {
    program.addCommand(command);
  }
  configureEverywhere(program);
  return program;
}

/**
 * addCommand() does not pass the root's settings down, so set them at every level:
 * throw instead of exiting (main.ts maps usage errors to exit code 2), and show the
 * global options in every command's help.
 */
function configureEverywhere(command: Command): void {
  command.exitOverride().showHelpAfterError('(add --help for usage)').configureHelp({ showGlobalOptions: true });
  for (const sub of command.commands) configureEverywhere(sub);
}
