import { CONSENT_PURPOSE_LABELS, CONSENT_PURPOSES, type ConsentPurpose } from '../../../../domain/case/case.vocabulary';
import { CodeField, DateField, LanguageField, NameField, NestedField } from '../../request-fields.decorators';
import { InstitutionDto } from './institution.dto';

export class RecordConsentRequest {
  @CodeField(CONSENT_PURPOSES, { enumName: 'ConsentPurpose', labels: CONSENT_PURPOSE_LABELS, description: 'Zweck der Einwilligung' })
  purpose!: ConsentPurpose;

  @NestedField(() => InstitutionDto, { optional: true, description: 'Empfangende Stelle; genau beim Zweck `data_sharing` anzugeben' })
  recipient?: InstitutionDto | null;

  @NameField({ description: 'Version des Einwilligungsformulars', example: 'KIM-EW-2024-1' })
  formVersion!: string;

  @LanguageField({ description: 'Sprache des unterschriebenen Formulars (ISO 639)' })
  language!: string;

  @DateField({ description: 'Datum der Einwilligung' })
  givenOn!: string;
}
