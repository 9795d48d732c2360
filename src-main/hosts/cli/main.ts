/** The `keyhub` CLI: a host of the API contract, like the Electron and browser hosts. */
import { CommanderError } from 'commander';
import { reportFailure } from './action';
import { EXIT_OK, EXIT_USAGE, UsageFailure } from './failures';
import { buildProgram } from './program';

/** Commander's own exits: help and version are success; anything else is a usage error. */
function exitCodeOf(error: CommanderError): number {
  return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT_OK : EXIT_USAGE;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? EXIT_OK);
  } catch (error) {
    if (error instanceof CommanderError) {
      const code = exitCodeOf(error);
      // Commander already printed its message on stderr; --json callers also get an envelope.
      if (code !== EXIT_OK && argv.includes('--json')) reportFailure(new UsageFailure(error.message.replace(/^error: /, '')), true);
      return code;
    }
    reportFailure(error, argv.includes('--json'));
    return Number(process.exitCode);
  }
}

process.exitCode = await runCli(process.argv);
