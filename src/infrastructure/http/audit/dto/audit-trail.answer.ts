import { ApiProperty } from '@nestjs/swagger';
import { ACCESS_KINDS } from '../../../../domain/audit/case-access.events';
import { EventActorAnswer } from './case-reading.answers';

export class RevealedFieldsAnswer {
  @ApiProperty() eventId!: string;
  @ApiProperty({ type: [String] }) fields!: string[];
}

export class AuditTrailEntryAnswer {
  @ApiProperty() eventId!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() caseId!: string;
  @ApiProperty({ example: 'CaseDataAccessed' }) eventType!: string;
  @ApiProperty({ enum: ACCESS_KINDS, nullable: true, description: 'Bei Zugriffen: welcher Art; bei Änderungen null' }) accessKind!: string | null;
  @ApiProperty({ example: 'Einsicht: Verlauf (personenbezogene Daten maskiert)' }) summary!: string;
  @ApiProperty({ type: EventActorAnswer }) actor!: EventActorAnswer;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ type: String, nullable: true }) recordedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Der angegebene Grund eines Zugriffs' }) reason!: string | null;
  @ApiProperty({ description: 'Eine Änderung mit Begründung: die Begründung ist personenbezogen und bleibt verschlüsselt' }) reasonSealed!: boolean;
  @ApiProperty({ type: [RevealedFieldsAnswer], nullable: true }) revealed!: RevealedFieldsAnswer[] | null;
}

export class AuditTrailAnswer {
  @ApiProperty({ type: [AuditTrailEntryAnswer], description: 'Neueste zuerst' }) entries!: AuditTrailEntryAnswer[];
  @ApiProperty({ type: String, nullable: true, description: 'Als `cursor` für die nächstältere Seite; null auf der letzten Seite' })
  nextCursor!: string | null;
}
