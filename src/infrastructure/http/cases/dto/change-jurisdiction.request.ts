import { JURISDICTION_CODES, JURISDICTIONS, type Jurisdiction } from '../../../../domain/residence-law/benefit-jurisdiction.vocabulary';
import { CodeField, DateField } from '../../request-fields.decorators';

const JURISDICTION_LABELS = Object.fromEntries(JURISDICTION_CODES.map((code) => [code, JURISDICTIONS[code].label]));

export class ChangeJurisdictionRequest {
  @CodeField(JURISDICTION_CODES, { enumName: 'Jurisdiction', labels: JURISDICTION_LABELS, description: 'Neuer Rechtskreis' })
  to!: Jurisdiction;

  @DateField({ description: 'Wirksam ab' })
  effectiveOn!: string;
}
