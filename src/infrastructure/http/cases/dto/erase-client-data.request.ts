import { ERASURE_LEGAL_BASES, ERASURE_LEGAL_BASIS_LABELS, type ErasureLegalBasis } from '../../../../domain/case/case.vocabulary';
import { CodeField, IdField, TextField } from '../../request-fields.decorators';

export class EraseClientDataRequest {
  @IdField({ description: 'Kennung der Person (aus der Antwort der Fallaufnahme), zur Bestätigung' })
  clientId!: string;

  @CodeField(ERASURE_LEGAL_BASES, { enumName: 'ErasureLegalBasis', labels: ERASURE_LEGAL_BASIS_LABELS, description: 'Rechtsgrundlage der Löschung' })
  legalBasis!: ErasureLegalBasis;

  @IdField({ optional: true, description: 'Wer die Löschung entschieden hat (Benutzerkennung); ohne Angabe die angemeldete Person' })
  decidedBy?: string | null;

  @TextField({ description: 'Begründung (wird verschlüsselt gespeichert, bis der Schlüssel vernichtet ist)' })
  reason!: string;
}
