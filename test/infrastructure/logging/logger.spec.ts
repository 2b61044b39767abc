import { createLogger, type Logger } from '../../../src/infrastructure/logging/logger';
import { NestLoggerAdapter } from '../../../src/infrastructure/logging/nest-logger.adapter';

function capturingLogger(level: 'info' | 'trace' = 'info'): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level, destination: { write: (line: string) => lines.push(JSON.parse(line)) } });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes JSON lines with a level name and an ISO time', () => {
    const { logger, lines } = capturingLogger();
    logger.info({ caseId: 'c-1' }, 'case opened');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'case opened', caseId: 'c-1', service: 'kim-fallakte', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }),
    ]);
  });

  it('redacts fields that may hold personal data, at the top and nested two levels deep', () => {
    const { logger, lines } = capturingLogger();
    logger.info({
      name: 'Amira Haddad',
      client: { firstName: 'Amira', dateOfBirth: '1990-01-01', personal: { phone: '0170' } },
      event: { data: { note: 'talked about her asylum hearing', caseId: 'c-1' } },
      sessions: [{ notes: 'n' }],
    });
    const text = JSON.stringify(lines);
    for (const secret of ['Amira', 'Haddad', '1990-01-01', '0170', 'asylum']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      name: '[redacted]',
      client: { firstName: '[redacted]', dateOfBirth: '[redacted]', personal: '[redacted]' },
      event: { data: { note: '[redacted]', caseId: 'c-1' } },
    });
  });

  it('redacts credentials in request and response headers', () => {
    const { logger, lines } = capturingLogger();
    logger.info({
      req: { headers: { authorization: 'Bearer abc', cookie: 'sid=xyz', accept: 'application/json' } },
      res: { headers: { 'set-cookie': 'sid=xyz' } },
    });
    expect(lines[0]).toMatchObject({
      req: { headers: { authorization: '[redacted]', cookie: '[redacted]', accept: 'application/json' } },
      res: { headers: { 'set-cookie': '[redacted]' } },
    });
  });
});

describe('NestLoggerAdapter', () => {
  it('passes Nest messages through pino with their context and level', () => {
    const { logger, lines } = capturingLogger('trace');
    const adapter = new NestLoggerAdapter(logger);
    adapter.log('Mapped {/health, GET} route', 'RouterExplorer');
    adapter.warn('slow', 'Db');
    adapter.verbose('detail');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', context: 'RouterExplorer', msg: 'Mapped {/health, GET} route' }),
      expect.objectContaining({ level: 'warn', context: 'Db', msg: 'slow' }),
      expect.objectContaining({ level: 'trace', msg: 'detail' }),
    ]);
  });

  it('keeps the stack Nest passes before the context, and serialises thrown errors', () => {
    const { logger, lines } = capturingLogger();
    const adapter = new NestLoggerAdapter(logger);
    adapter.error('boom', 'Error: boom\n    at x (y.ts:1:1)', 'ExceptionsHandler');
    adapter.error(new TypeError('bad input'));
    expect(lines[0]).toMatchObject({ level: 'error', context: 'ExceptionsHandler', msg: 'boom', stack: expect.stringContaining('at x') });
    expect(lines[1]).toMatchObject({ level: 'error', msg: 'bad input', err: { type: 'TypeError', message: 'bad input' } });
  });

  it('redacts personal fields of objects Nest is asked to log', () => {
    const { logger, lines } = capturingLogger();
    new NestLoggerAdapter(logger).log({ client: { name: 'Amira Haddad' } }, 'SomeService');
    expect(JSON.stringify(lines)).not.toContain('Amira');
  });
});
