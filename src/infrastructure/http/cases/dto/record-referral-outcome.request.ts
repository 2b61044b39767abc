import { REFERRAL_OUTCOME_LABELS, REFERRAL_OUTCOMES, type ReferralOutcome } from '../../../../domain/case/case.vocabulary';
import { CodeField, DateField } from '../../request-fields.decorators';

export class RecordReferralOutcomeRequest {
  @CodeField(REFERRAL_OUTCOMES, { enumName: 'ReferralOutcome', labels: REFERRAL_OUTCOME_LABELS, description: 'Ergebnis der Weiterleitung' })
  outcome!: ReferralOutcome;

  @DateField({ description: 'Datum des Ergebnisses; nicht vor der Weiterleitung' })
  outcomeOn!: string;
}
