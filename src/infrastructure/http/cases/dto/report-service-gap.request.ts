import { LIFE_AREA_LABELS, LIFE_AREAS, type LifeArea } from '../../../../domain/case/case.vocabulary';
import { CodeField, IntegerField, NameField, TextField } from '../../request-fields.decorators';

export class ReportServiceGapRequest {
  @CodeField(LIFE_AREAS, { enumName: 'LifeArea', labels: LIFE_AREA_LABELS, description: 'Lebensbereich' })
  lifeArea!: LifeArea;

  @TextField({ description: 'Beschreibung der Versorgungslücke (wird verschlüsselt gespeichert)' })
  description!: string;

  @NameField({ optional: true, description: 'Region oder Gemeinde', example: 'Gangelt' })
  region?: string | null;

  @IntegerField(1, 100_000, { description: 'Wie viele Personen betroffen sind', example: 6 })
  clientsAffected!: number;
}
