import { IdField, NestedField, TextField } from '../../request-fields.decorators';

export class AssignmentDto {
  @IdField({ description: 'Neue Fallverantwortung (Benutzerkennung)' })
  caseManagerId!: string;

  @IdField({ description: 'Organisationseinheit; eine andere als die bisherige nur durch die Koordinierungsstelle', example: 'demo-ki' })
  organisationUnitId!: string;
}

export class ReassignCaseRequest {
  @NestedField(() => AssignmentDto, { description: 'Neue Zuständigkeit' })
  to!: AssignmentDto;

  @TextField({ description: 'Begründung (wird verschlüsselt gespeichert)' })
  reason!: string;
}
