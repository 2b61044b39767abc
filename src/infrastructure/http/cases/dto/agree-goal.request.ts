import { LIFE_AREA_LABELS, LIFE_AREAS, type LifeArea } from '../../../../domain/case/case.vocabulary';
import { CodeField, DateField, TextField } from '../../request-fields.decorators';

/** The goal's id is made by the server and returned with the answer. */
export class AgreeGoalRequest {
  @CodeField(LIFE_AREAS, { enumName: 'LifeArea', labels: LIFE_AREA_LABELS, description: 'Lebensbereich' })
  lifeArea!: LifeArea;

  @TextField({ description: 'Das vereinbarte Ziel (wird verschlüsselt gespeichert)', example: 'B1-Kurs abschließen' })
  text!: string;

  @DateField({ optional: true, description: 'Zieldatum; nicht vor der Vereinbarung', example: '2025-09-30' })
  targetOn?: string | null;

  @DateField({ description: 'Datum der Vereinbarung' })
  agreedOn!: string;
}
