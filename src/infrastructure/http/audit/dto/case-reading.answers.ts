import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * The answers of the reading routes, for the OpenAPI document. Personal fields appear in `data` opened for
 * entitled readers, as `{"$masked": true}` for auditors, and as `{"$erased": true}` after an erasure.
 */

export class EventActorAnswer {
  @ApiProperty() userId!: string;
  @ApiProperty({ example: 'case_manager' }) role!: string;
  @ApiProperty({ type: String, nullable: true }) organisationUnitId!: string | null;
  @ApiProperty({ type: String, nullable: true }) districtId!: string | null;
}

export class CaseEntryAnswer {
  @ApiProperty() eventId!: string;
  @ApiProperty({ example: 3 }) revision!: number;
  @ApiProperty({ example: 'CounsellingSessionHeld' }) type!: string;
  @ApiProperty({ example: 'Beratungskontakt' }) label!: string;
  @ApiProperty({ example: 'Beratungskontakt am 06.03.2025: Hausbesuch, 60 Minuten (Aufenthaltsrecht, Wohnen), mit Dolmetschung' })
  summary!: string;
  @ApiProperty({ description: 'Wann es geschah (Angabe der Erfassenden)' }) occurredAt!: string;
  @ApiProperty({ description: 'Wann es gespeichert wurde (Uhr des Servers)' }) recordedAt!: string;
  @ApiProperty({ type: EventActorAnswer }) actor!: EventActorAnswer;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Die Angaben des Eintrags; personenbezogene Felder je nach Berechtigung' })
  data!: unknown;
}

export class CaseHistoryEntryAnswer extends CaseEntryAnswer {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Der Fall nach diesem Eintrag (ohne personenbezogene Daten)' })
  stateAfter!: unknown;
}

export class CasePointAnswer {
  @ApiProperty({ enum: ['now', 'as_of', 'at_revision'] }) kind!: string;
  @ApiPropertyOptional() asOf?: string;
  @ApiPropertyOptional() revision?: number;
}

export class CaseFileAnswer {
  @ApiProperty() caseId!: string;
  @ApiProperty({ description: 'Stand des letzten enthaltenen Eintrags' }) revision!: number;
  @ApiProperty({ type: CasePointAnswer }) point!: CasePointAnswer;
  @ApiProperty({ enum: ['plain', 'masked'], description: 'Wie personenbezogene Daten gezeigt werden' }) personalData!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Der Fall zu diesem Stand (ohne personenbezogene Daten)' })
  state!: unknown;
  @ApiProperty({ type: [CaseEntryAnswer] }) events!: CaseEntryAnswer[];
}

export class CaseHistoryAnswer {
  @ApiProperty() caseId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ enum: ['plain', 'masked'] }) personalData!: string;
  @ApiProperty({ type: [CaseHistoryEntryAnswer] }) entries!: CaseHistoryEntryAnswer[];
}

export class RevealedEventAnswer {
  @ApiProperty() eventId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() type!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ type: [String], example: ['note'], description: 'Die offengelegten Felder; alle anderen bleiben maskiert' }) fields!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: unknown;
}

export class RevealAnswer {
  @ApiProperty() caseId!: string;
  @ApiProperty({ description: 'Der protokollierte Grund' }) reason!: string;
  @ApiProperty({ type: [RevealedEventAnswer] }) events!: RevealedEventAnswer[];
}

export class BrokenLinkAnswer {
  @ApiProperty() revision!: number;
  @ApiProperty() eventId!: string;
  @ApiProperty({ enum: ['hash_mismatch', 'revision_gap', 'wrong_stream'] }) problem!: string;
}

export class StreamIntegrityAnswer {
  @ApiProperty({ example: 'case-5f0c2b1e-9d3a-4c8e-b7f6-1a2d3e4f5a6b' }) streamId!: string;
  @ApiProperty() eventsChecked!: number;
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: BrokenLinkAnswer, nullable: true, description: 'Das erste Glied der Kette, das nicht zu seinem Inhalt und Vorgänger passt' })
  firstBroken!: BrokenLinkAnswer | null;
}

export class CaseIntegrityAnswer {
  @ApiProperty() caseId!: string;
  @ApiProperty({ description: 'Beide Ketten sind unversehrt' }) ok!: boolean;
  @ApiProperty({ type: StreamIntegrityAnswer, description: 'Die Einträge des Falls' }) case!: StreamIntegrityAnswer;
  @ApiProperty({ type: StreamIntegrityAnswer, description: 'Die Protokolleinträge der Zugriffe auf den Fall' }) accessLog!: StreamIntegrityAnswer;
}
