import { CONSENT_PURPOSE_LABELS, CONSENT_PURPOSES, type ConsentPurpose } from '../../../../domain/case/case.vocabulary';
import { CodeField, DateField, NestedField } from '../../request-fields.decorators';
import { InstitutionDto } from './institution.dto';

/** Consents have no ids of their own: one is named by its purpose and, for data sharing, its recipient. */
export class WithdrawConsentRequest {
  @CodeField(CONSENT_PURPOSES, { enumName: 'ConsentPurpose', labels: CONSENT_PURPOSE_LABELS, description: 'Zweck der widerrufenen Einwilligung' })
  purpose!: ConsentPurpose;

  @NestedField(() => InstitutionDto, { optional: true, description: 'Empfangende Stelle; genau beim Zweck `data_sharing` anzugeben' })
  recipient?: InstitutionDto | null;

  @DateField({ description: 'Datum des Widerrufs' })
  withdrawnOn!: string;
}
