import { recordedParameter, recordedRevisions } from '../../../../src/infrastructure/web/case-file/recorded-revisions';

describe('the revisions a command recorded, carried to the case file for its confirmation', () => {
  it('round-trips a command answer', () => {
    expect(recordedRevisions(recordedParameter(6, 2), 6)).toEqual([5, 6]);
  });

  it('ignores ranges that are not of this case', () => {
    expect([recordedRevisions('3-9', 6), recordedRevisions('6-5', 6), recordedRevisions('x', 6), recordedRevisions(null, 6)]).toEqual([null, null, null, null]);
  });
});
