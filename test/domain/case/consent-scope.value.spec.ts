import { consentKey } from '../../../src/domain/case/consent-scope.value';

describe('consentKey', () => {
  it('is the purpose for purposes without recipient', () => {
    expect(consentKey('case_management', null)).toBe('case_management');
    expect(consentKey('reporting', null)).toBe('reporting');
  });

  it('names the recipient for data sharing, ignoring case and spacing', () => {
    const a = consentKey('data_sharing', { type: 'job_centre', name: 'Jobcenter Kreis Heinsberg' });
    expect(consentKey('data_sharing', { type: 'job_centre', name: '  jobcenter   KREIS heinsberg ' })).toBe(a);
    expect(consentKey('data_sharing', { type: 'job_centre', name: 'Jobcenter Kreis Düren' })).not.toBe(a);
    expect(consentKey('data_sharing', { type: 'social_welfare_office', name: 'Jobcenter Kreis Heinsberg' })).not.toBe(a);
  });

  it('treats composed and decomposed umlauts as the same name', () => {
    expect(consentKey('data_sharing', { type: 'other', name: 'Beratungsstelle Düren' })).toBe(
      consentKey('data_sharing', { type: 'other', name: 'Beratungsstelle Du\u0308ren' }),
    );
  });
});
