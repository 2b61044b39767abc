import {
  CorrectionNotApplicableError,
  DateBeforeOpeningError,
  DateInFutureError,
  InvalidValueError,
  JurisdictionUnchangedError,
  LegalBasisNotInCategoryError,
  LegalBasisNotInForceError,
  LegalStatusUnchangedError,
  StatusAfterNaturalisationError,
  ValidUntilBeforeValidFromError,
} from '../../../src/domain/case/case.errors';
import type { LegalStatusRecord } from '../../../src/domain/case/case.events';
import { commands, events, histories } from '../case.fixtures';
import { given } from './decider.given';

const recognised: LegalStatusRecord = {
  status: { category: 'residence_permit', legalBasis: 'aufenthg_25_2', document: 'electronic_residence_title', validFrom: '2025-03-07', validUntil: '2028-03-06' },
  effectiveOn: '2025-03-07',
  source: 'authority_notice',
};

describe('ChangeLegalStatus', () => {
  const withStatus = () => [...histories.withConsent(), events.legalStatusChanged()];

  it('records the first known status', () => {
    given(histories.withConsent()).when(commands.changeLegalStatus()).then([events.legalStatusChanged()]);
  });

  it('records a change, e.g. recognition after the asylum procedure', () => {
    given(withStatus()).when(commands.changeLegalStatus(recognised)).then([{ type: 'LegalStatusChanged', data: recognised }]);
  });

  it('must change something: the same status again is refused', () => {
    given(withStatus()).when(commands.changeLegalStatus()).thenThrows(LegalStatusUnchangedError);
    given(withStatus()).when(commands.changeLegalStatus({ effectiveOn: '2025-03-09' })).thenThrows(LegalStatusUnchangedError);
  });

  it('counts a renewal or a better source as a change', () => {
    const renewed = { ...events.legalStatusChanged().data.status, validUntil: '2025-11-01' };
    given(withStatus()).when(commands.changeLegalStatus({ status: renewed })).then([events.legalStatusChanged({ status: renewed })]);
    given(withStatus()).when(commands.changeLegalStatus({ source: 'authority_notice' })).then([events.legalStatusChanged({ source: 'authority_notice' })]);
  });

  it('refuses a validity that ends before it starts', () => {
    const status = { ...recognised.status, validFrom: '2025-03-07', validUntil: '2025-03-06' };
    given(withStatus()).when(commands.changeLegalStatus({ ...recognised, status })).thenThrows(ValidUntilBeforeValidFromError, {
      field: 'data.status.validUntil',
    });
  });

  it('accepts a validity of a single day, and a status without known validity', () => {
    const oneDay = { ...recognised.status, validFrom: '2025-03-07', validUntil: '2025-03-07' };
    given(withStatus()).when(commands.changeLegalStatus({ ...recognised, status: oneDay })).then([
      { type: 'LegalStatusChanged', data: { ...recognised, status: oneDay } },
    ]);
    const unknown = { ...recognised.status, validFrom: null, validUntil: null };
    given(withStatus()).when(commands.changeLegalStatus({ ...recognised, status: unknown })).then([
      { type: 'LegalStatusChanged', data: { ...recognised, status: unknown } },
    ]);
  });

  it('refuses a legal basis of another category', () => {
    const status = { ...recognised.status, category: 'tolerated' as const };
    given(withStatus()).when(commands.changeLegalStatus({ ...recognised, status })).thenThrows(LegalBasisNotInCategoryError, {
      field: 'data.status.legalBasis',
    });
  });

  it('refuses a legal basis that did not exist when the status began', () => {
    const status = { category: 'residence_permit' as const, legalBasis: 'aufenthg_20a' as const, document: 'electronic_residence_title' as const, validFrom: '2024-05-31', validUntil: null };
    given(withStatus()).when(commands.changeLegalStatus({ ...recognised, status })).thenThrows(LegalBasisNotInForceError);
    given(withStatus())
      .when(commands.changeLegalStatus({ ...recognised, status: { ...status, validFrom: '2024-06-01' } }))
      .then([{ type: 'LegalStatusChanged', data: { ...recognised, status: { ...status, validFrom: '2024-06-01' } } }]);
  });

  it('takes the effective date for the check when the validity is unknown', () => {
    const status = { category: 'tolerated' as const, legalBasis: 'aufenthg_60b' as const, document: 'toleration_certificate' as const, validFrom: null, validUntil: null };
    given(withStatus()).when(commands.changeLegalStatus({ status })).then([events.legalStatusChanged({ status })]);
  });

  it('refuses an effective date in the future or before the case', () => {
    given(withStatus()).when(commands.changeLegalStatus({ ...recognised, effectiveOn: '2025-03-11' })).thenThrows(DateInFutureError, {
      field: 'data.effectiveOn',
    });
    given(withStatus()).when(commands.changeLegalStatus({ ...recognised, effectiveOn: '2025-03-02' })).thenThrows(DateBeforeOpeningError);
  });

  it('accepts a permit that starts after the change was recorded, and a validity long before the case', () => {
    const later = { ...recognised.status, validFrom: '2025-04-01' };
    given(withStatus()).when(commands.changeLegalStatus({ ...recognised, status: later })).then([
      { type: 'LegalStatusChanged', data: { ...recognised, status: later } },
    ]);
    const earlier = { ...recognised.status, validFrom: '2019-01-01' };
    given(withStatus()).when(commands.changeLegalStatus({ ...recognised, status: earlier })).then([
      { type: 'LegalStatusChanged', data: { ...recognised, status: earlier } },
    ]);
  });

  it.each([
    ['category', { category: 'refugee' }, 'data.status.category'],
    ['legal basis', { legalBasis: 'aufenthg_99' }, 'data.status.legalBasis'],
    ['document', { document: 'napkin' }, 'data.status.document'],
    ['valid-from date', { validFrom: '01.03.2025' }, 'data.status.validFrom'],
  ])('refuses an unknown %s', (_label, change, field) => {
    given(withStatus())
      .when(commands.changeLegalStatus({ ...recognised, status: { ...recognised.status, ...change } as never }))
      .thenThrows(InvalidValueError, { field });
  });

  describe('after naturalisation', () => {
    const naturalised = () => [...withStatus(), events.naturalised()];

    it('refuses any further residence status', () => {
      given(naturalised()).when(commands.changeLegalStatus(recognised)).thenThrows(StatusAfterNaturalisationError, {
        code: 'status_after_naturalisation',
      });
    });

    it('accepts a correction of the naturalisation entry, after which statuses can be recorded again', () => {
      const correction = commands.correctEntry({ correctedEventType: 'LegalStatusChanged', correctedLegalStatus: recognised });
      given(naturalised())
        .when(correction)
        .then([events.entryCorrected({ correctedEventType: 'LegalStatusChanged', correctedLegalStatus: recognised })]);

      const corrected = [...naturalised(), events.entryCorrected({ correctedEventType: 'LegalStatusChanged', correctedLegalStatus: recognised })];
      const settled: LegalStatusRecord = {
        status: { category: 'settlement_permit', legalBasis: 'aufenthg_26_3_4', document: 'electronic_residence_title', validFrom: '2025-03-09', validUntil: null },
        effectiveOn: '2025-03-09',
        source: 'document_seen',
      };
      given(corrected).when(commands.changeLegalStatus(settled)).then([{ type: 'LegalStatusChanged', data: settled }]);
    });
  });
});

describe('correcting a residence status', () => {
  it('applies only to a residence-status entry, and only when one was recorded', () => {
    given([...histories.withConsent(), events.legalStatusChanged()])
      .when(commands.correctEntry({ correctedEventType: 'CounsellingSessionHeld', correctedLegalStatus: recognised }))
      .thenThrows(CorrectionNotApplicableError);
    given(histories.withConsent())
      .when(commands.correctEntry({ correctedEventType: 'LegalStatusChanged', correctedLegalStatus: recognised }))
      .thenThrows(CorrectionNotApplicableError);
  });

  it('follows the same rules as a change', () => {
    given([...histories.withConsent(), events.legalStatusChanged()])
      .when(commands.correctEntry({ correctedEventType: 'LegalStatusChanged', correctedLegalStatus: events.legalStatusChanged().data }))
      .thenThrows(LegalStatusUnchangedError);
    const wrongBasis = { ...recognised, status: { ...recognised.status, category: 'asylum_seeker' as const } };
    given([...histories.withConsent(), events.legalStatusChanged()])
      .when(commands.correctEntry({ correctedEventType: 'LegalStatusChanged', correctedLegalStatus: wrongBasis }))
      .thenThrows(LegalBasisNotInCategoryError, { field: 'data.correctedLegalStatus.status.legalBasis' });
  });
});

describe('ChangeJurisdiction', () => {
  it('records the first jurisdiction with no previous one', () => {
    given(histories.withConsent()).when(commands.changeJurisdiction()).then([events.jurisdictionChanged()]);
  });

  it('records the change from the current jurisdiction (Rechtskreiswechsel)', () => {
    given([...histories.withConsent(), events.jurisdictionChanged()])
      .when(commands.changeJurisdiction({ to: 'sgb_ii', effectiveOn: '2025-03-08' }))
      .then([events.jurisdictionChanged({ from: 'asylblg', to: 'sgb_ii', effectiveOn: '2025-03-08' })]);
  });

  it('must change the jurisdiction', () => {
    given([...histories.withConsent(), events.jurisdictionChanged()]).when(commands.changeJurisdiction()).thenThrows(JurisdictionUnchangedError);
  });

  it('is still possible after naturalisation', () => {
    given([...histories.withConsent(), events.naturalised(), events.jurisdictionChanged({ to: 'sgb_ii' })])
      .when(commands.changeJurisdiction({ to: 'none' }))
      .then([events.jurisdictionChanged({ from: 'sgb_ii', to: 'none' })]);
  });

  it('refuses an unknown jurisdiction', () => {
    given(histories.withConsent()).when(commands.changeJurisdiction({ to: 'sgb_xiv' as never })).thenThrows(InvalidValueError, { field: 'data.to' });
  });
});
