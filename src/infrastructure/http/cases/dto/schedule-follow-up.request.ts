import { DateField, TextField } from '../../request-fields.decorators';

/** The follow-up's id is made by the server and returned with the answer. */
export class ScheduleFollowUpRequest {
  @DateField({ description: 'Fällig am (darf in der Zukunft liegen)', example: '2025-04-01' })
  dueOn!: string;

  @TextField({ optional: true, description: 'Notiz (wird verschlüsselt gespeichert)' })
  note?: string | null;
}
