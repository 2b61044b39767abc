import { INSTITUTION_TYPE_LABELS, INSTITUTION_TYPES, type InstitutionType } from '../../../../domain/case/case.vocabulary';
import { CodeField, NameField } from '../../request-fields.decorators';

/** A named office or service: consent to share data is given per named recipient. */
export class InstitutionDto {
  @CodeField(INSTITUTION_TYPES, { enumName: 'InstitutionType', labels: INSTITUTION_TYPE_LABELS, description: 'Art der Stelle' })
  type!: InstitutionType;

  @NameField({ description: 'Name der Stelle', example: 'Jobcenter Kreis Heinsberg' })
  name!: string;
}
