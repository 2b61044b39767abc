import { CliUsageError } from '../../../src/infrastructure/cli/cli-command';
import { parseOptions } from '../../../src/infrastructure/cli/cli-options';

describe('parseOptions', () => {
  const spec = { required: ['name'], optional: ['kind'] } as const;

  it('reads --name value and --name=value, trimming values', () => {
    expect(parseOptions(['--name', ' KI ', '--kind=provider'], spec)).toEqual({ name: 'KI', kind: 'provider' });
    expect(parseOptions(['--name=KI'], spec)).toEqual({ name: 'KI' });
  });

  it.each([
    [['--kind', 'provider'], 'Missing --name'],
    [['--name', 'a', '--name', 'b'], 'Option --name is given twice'],
    [['--name'], 'Option --name needs a value'],
    [['--name='], 'Option --name needs a value'],
    [['--colour', 'red', '--name', 'a'], 'Unknown option --colour'],
    [['KI'], 'Unexpected argument "KI"'],
  ])('refuses %j: %s', (args, message) => {
    expect(() => parseOptions(args, spec)).toThrow(new CliUsageError(message));
  });
});
