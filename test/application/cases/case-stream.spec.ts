import {
  caseAccessStreamId,
  caseIdOfAccessStream,
  caseIdOfStream,
  caseStreamId,
  ReservedCaseIdError,
} from '../../../src/application/cases/case-stream';
import { CaseNotFoundError } from '../../../src/domain/case/case.errors';

describe('the streams of a case', () => {
  it('names the case stream and the access stream, and tells them apart', () => {
    expect(caseStreamId('5f0c')).toBe('case-5f0c');
    expect(caseAccessStreamId('5f0c')).toBe('case-access-5f0c');
    expect(caseIdOfStream('case-5f0c')).toBe('5f0c');
    expect(caseIdOfStream('case-access-5f0c')).toBeNull();
    expect(caseIdOfAccessStream('case-access-5f0c')).toBe('5f0c');
    expect(caseIdOfAccessStream('case-5f0c')).toBeNull();
    expect(caseIdOfStream('identity-1')).toBeNull();
  });

  it('has no case whose stream would be another case\'s access stream', () => {
    expect(() => caseStreamId('access-5f0c')).toThrow(ReservedCaseIdError);
    expect(() => caseStreamId('access-5f0c')).toThrow(CaseNotFoundError);
  });
});
