import { CLI_COMMANDS } from './infrastructure/cli/cli-commands';
import { runCli } from './infrastructure/cli/run-cli';

void runCli(process.argv.slice(2), {
  env: process.env,
  output: { out: (line) => console.log(line), err: (line) => console.error(line) },
  commands: CLI_COMMANDS,
}).then((code) => {
  // Not process.exit(): pending output is written before the process ends.
  process.exitCode = code;
});
