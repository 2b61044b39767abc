import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * The body of every error answer of the API. `code` is stable for programs, `message` is German for people;
 * neither ever contains personal data. `correlationId` is the one in the logs, for support requests.
 */
export class ApiErrorResponse {
  @ApiProperty({ example: 409 })
  statusCode!: number;

  @ApiProperty({ example: 'consent_required', description: 'Stabiler Fehlercode für Programme.' })
  code!: string;

  @ApiProperty({ example: 'Vor der Einwilligung in das Case Management können nur Fallaufnahme und Einwilligung erfasst werden.' })
  message!: string;

  @ApiProperty({ example: '3f0c9a4e-4c1d-4b7e-9a51-2f7d8e1c6b20', description: 'Vorgangsnummer; steht auch in den Protokollen und in der Kopfzeile X-Correlation-Id.' })
  correlationId!: string;

  @ApiPropertyOptional({ example: 'heldOn', description: 'Das Feld der Anfrage, auf das sich der Fehler bezieht (bei 422).' })
  field?: string;
}

export class FieldError {
  @ApiProperty({ example: 'client.personal.familyName', description: 'Pfad des Feldes im Anfrageinhalt, Listen mit [Index].' })
  field!: string;

  @ApiProperty({ example: 'Bitte füllen Sie dieses Feld aus.' })
  message!: string;
}

export class ValidationErrorResponse extends ApiErrorResponse {
  @ApiProperty({ type: [FieldError], description: 'Eine Meldung je ungültigem Feld.' })
  errors!: FieldError[];
}

export class RevisionConflictResponse extends ApiErrorResponse {
  @ApiProperty({ example: 7, description: 'Der aktuelle Stand des Falls: mit If-Match: "7" erneut versuchen, nachdem die Änderungen geprüft wurden.' })
  currentRevision!: number;
}
