import type { ArgumentsHost } from '@nestjs/common';
import { EventStoreUnavailableError } from '../../../src/application/ports/event-store.errors';
import { ApiExceptionFilter } from '../../../src/infrastructure/http/api-exception.filter';
import { createLogger } from '../../../src/infrastructure/logging/logger';

/** The filter on its own, with a request and response as Node's HTTP server would hand them over. */
function exchange(url: string, correlationId = 'corr-7') {
  const headers: Record<string, string> = {};
  const response = {
    statusCode: 200,
    headersSent: false,
    body: '',
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
    end(text?: string) {
      this.body = text ?? '';
    },
  };
  const request = { url, originalUrl: url, headers: { 'x-correlation-id': correlationId } };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ArgumentsHost;
  return { host, response, headers };
}

describe('ApiExceptionFilter', () => {
  const lines: Record<string, unknown>[] = [];
  const filter = new ApiExceptionFilter(createLogger({ level: 'info', destination: { write: (line: string) => lines.push(JSON.parse(line)) } }));
  beforeEach(() => {
    lines.length = 0;
  });

  it('answers an unexpected error with 500 and the correlation id, and logs its class and stack frames but not its message', () => {
    const { host, response, headers } = exchange('/api/cases/c-1/counselling-sessions');
    filter.catch(new RangeError('note was "Amina Haddad"'), host);
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body)).toEqual({
      statusCode: 500,
      code: 'internal_error',
      message: expect.any(String),
      correlationId: 'corr-7',
    });
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(lines).toEqual([expect.objectContaining({ level: 'error', msg: 'request failed', errorClass: 'RangeError', correlationId: 'corr-7' })]);
    expect(lines[0].stack).toEqual(expect.stringContaining('api-exception.filter.spec.ts'));
    expect(JSON.stringify(lines) + response.body).not.toContain('Amina');
  });

  it('answers an unavailable event store with 503 and Retry-After', () => {
    const { host, response, headers } = exchange('/api/cases');
    filter.catch(new EventStoreUnavailableError('connection refused'), host);
    expect(response.statusCode).toBe(503);
    expect(headers['retry-after']).toBe('5');
    expect(JSON.parse(response.body)).toMatchObject({ code: 'service_unavailable', correlationId: 'corr-7' });
  });

  it('leaves routes outside /api to the framework (health probes keep their own answer)', () => {
    const { host } = exchange('/health');
    const delegated = jest.spyOn(Object.getPrototypeOf(ApiExceptionFilter.prototype), 'catch').mockImplementation(() => undefined);
    filter.catch(new Error('x'), host);
    expect(delegated).toHaveBeenCalledTimes(1);
    delegated.mockRestore();
  });
});
