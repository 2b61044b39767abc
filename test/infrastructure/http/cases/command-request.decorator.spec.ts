import { etagOf, expectedRevisionFrom } from '../../../../src/infrastructure/http/cases/command-request.decorator';
import { RequestValidationError } from '../../../../src/infrastructure/http/request-validation';

describe('If-Match', () => {
  it('is the revision of an earlier ETag; absent or * means no revision check', () => {
    expect(expectedRevisionFrom('"0"')).toBe(0);
    expect(expectedRevisionFrom(etagOf(17))).toBe(17);
    expect(expectedRevisionFrom(' "4" ')).toBe(4);
    expect(expectedRevisionFrom(undefined)).toBeUndefined();
    expect(expectedRevisionFrom('*')).toBeUndefined();
  });

  it.each([['4'], ['W/"4"'], ['"4", "5"'], ['"-1"'], ['"abc"'], ['"1234567890123456"']])('refuses %s, naming the header', (header) => {
    expect(() => expectedRevisionFrom(header)).toThrow(RequestValidationError);
  });
});
