import { CASE_PHASE_LABELS, WORKING_PHASES, type WorkingPhase } from '../../../../domain/case/case.phase';
import { CodeField, TextField } from '../../request-fields.decorators';

const WORKING_PHASE_LABELS = Object.fromEntries(WORKING_PHASES.map((phase) => [phase, CASE_PHASE_LABELS[phase]]));

export class ChangePhaseRequest {
  @CodeField(WORKING_PHASES, { enumName: 'WorkingPhase', labels: WORKING_PHASE_LABELS, description: 'Neue Phase' })
  to!: WorkingPhase;

  @TextField({ optional: true, description: 'Begründung (wird verschlüsselt gespeichert)' })
  reason?: string | null;
}
