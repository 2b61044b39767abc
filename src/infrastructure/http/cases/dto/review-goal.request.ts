import { GOAL_PROGRESS, GOAL_PROGRESS_LABELS, type GoalProgress } from '../../../../domain/case/case.vocabulary';
import { CodeField, DateField, TextField } from '../../request-fields.decorators';

export class ReviewGoalRequest {
  @DateField({ description: 'Datum der Überprüfung' })
  reviewedOn!: string;

  @CodeField(GOAL_PROGRESS, { enumName: 'GoalProgress', labels: GOAL_PROGRESS_LABELS, description: 'Fortschritt' })
  progress!: GoalProgress;

  @DateField({ optional: true, description: 'Neues Zieldatum' })
  revisedTargetOn?: string | null;

  @TextField({ optional: true, description: 'Notiz (wird verschlüsselt gespeichert)' })
  note?: string | null;
}
