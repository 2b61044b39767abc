import { LIFE_AREA_LABELS, LIFE_AREAS, type LifeArea, NEED_LEVEL_LABELS, NEED_LEVELS, type NeedLevel } from '../../../../domain/case/case.vocabulary';
import { CodeField, DateField, NestedListField, TextField } from '../../request-fields.decorators';

export class NeedRatingDto {
  @CodeField(LIFE_AREAS, { enumName: 'LifeArea', labels: LIFE_AREA_LABELS, description: 'Lebensbereich' })
  lifeArea!: LifeArea;

  @CodeField(NEED_LEVELS, { enumName: 'NeedLevel', labels: NEED_LEVEL_LABELS, description: 'Bedarf', example: 2 })
  level!: NeedLevel;

  @TextField({ optional: true, description: 'Notiz (wird verschlüsselt gespeichert)' })
  note?: string | null;
}

export class AssessNeedsRequest {
  @DateField({ description: 'Datum der Bedarfsermittlung' })
  assessedOn!: string;

  @NestedListField(() => NeedRatingDto, { minSize: 1, maxSize: LIFE_AREAS.length, description: 'Bedarf je Lebensbereich, jeder Bereich höchstens einmal' })
  needs!: NeedRatingDto[];
}
