import { DateField, TextField } from '../../request-fields.decorators';

export class CompleteFollowUpRequest {
  @DateField({ description: 'Erledigt am' })
  doneOn!: string;

  @TextField({ optional: true, description: 'Notiz (wird verschlüsselt gespeichert)' })
  note?: string | null;
}
