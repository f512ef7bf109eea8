/** The shape of a CLI command group, and the error for a wrong invocation. */
import type { CliContext } from './context.js';

export class UsageError extends Error {}

export interface Command {
  usage: string;
  run(ctx: CliContext, argv: string[]): Promise<void>;
}
