import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { CodedAnswer, LegalBasisAnswer } from './caseload.answer';

/** The legal-status timeline's answer, for the OpenAPI document. It holds no personal data. */

export class JurisdictionAnswer extends CodedAnswer {
  @ApiProperty({ type: String, nullable: true, example: 'Jobcenter' }) office!: string | null;
}

export class StatusAnswer {
  @ApiProperty({ format: 'date', description: 'Ab wann der Status für den Fall galt' }) effectiveOn!: string;
  @ApiProperty({ type: CodedAnswer }) category!: CodedAnswer;
  @ApiProperty({ type: LegalBasisAnswer }) legalBasis!: LegalBasisAnswer;
  @ApiProperty({ type: CodedAnswer }) document!: CodedAnswer;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validFrom!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validUntil!: string | null;
  @ApiProperty({ type: CodedAnswer, description: 'Quelle der Angabe' }) source!: CodedAnswer;
}

export class ReplacedStatusAnswer {
  @ApiProperty() eventId!: string;
  @ApiProperty({ type: CodedAnswer }) category!: CodedAnswer;
  @ApiProperty({ type: LegalBasisAnswer }) legalBasis!: LegalBasisAnswer;
}

export class CorrectionAnswer {
  @ApiProperty() eventId!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ type: StatusAnswer, description: 'Die Angaben vor dieser Korrektur' }) previous!: StatusAnswer;
}

export class ResidenceStatusEntryAnswer extends StatusAnswer {
  @ApiProperty({ enum: ['residence_status'] }) kind!: 'residence_status';
  @ApiProperty() eventId!: string;
  @ApiProperty({ description: 'Wann erfasst (Uhr des Servers)' }) recordedAt!: string;
  @ApiProperty({ type: ReplacedStatusAnswer, nullable: true, description: 'Der Status, der bei der Erfassung galt' })
  replaces!: ReplacedStatusAnswer | null;
  @ApiProperty({ type: [CorrectionAnswer], description: 'Korrekturen dieses Eintrags, älteste zuerst; die Angaben oben sind die korrigierten' })
  corrections!: CorrectionAnswer[];
  @ApiProperty({ type: String, nullable: true, description: 'Korrektur eines Eintrags, der nicht in diesem Verlauf steht' })
  correctionOf!: string | null;
  @ApiProperty({ description: 'Der derzeit geltende Status' }) current!: boolean;
}

export class JurisdictionChangeEntryAnswer {
  @ApiProperty({ enum: ['jurisdiction_change'] }) kind!: 'jurisdiction_change';
  @ApiProperty() eventId!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ format: 'date' }) effectiveOn!: string;
  @ApiProperty({ type: JurisdictionAnswer, nullable: true }) from!: JurisdictionAnswer | null;
  @ApiProperty({ type: JurisdictionAnswer }) to!: JurisdictionAnswer;
}

export class CurrentStatusAnswer {
  @ApiProperty() eventId!: string;
  @ApiProperty({ enum: ['unlimited', 'not_yet_valid', 'valid', 'expiring_soon', 'expired'] }) validity!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Tage bis zum Ablauf; negativ, wenn abgelaufen' }) daysUntilExpiry!: number | null;
  @ApiProperty({ description: 'Abgelaufen oder läuft innerhalb von warningDays ab: handeln' }) expiryWarning!: boolean;
  @ApiProperty({ example: 90 }) warningDays!: number;
}

@ApiExtraModels(ResidenceStatusEntryAnswer, JurisdictionChangeEntryAnswer)
export class LegalStatusTimelineAnswer {
  @ApiProperty() caseId!: string;
  @ApiProperty({ format: 'date' }) today!: string;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Mit waitFor: ob der Verlauf den Stand schon enthielt; sonst null' })
  caughtUp!: boolean | null;
  @ApiProperty({ type: CurrentStatusAnswer, nullable: true }) current!: CurrentStatusAnswer | null;
  @ApiProperty({ type: JurisdictionAnswer, nullable: true, description: 'Der derzeitige Rechtskreis' }) jurisdiction!: JurisdictionAnswer | null;
  @ApiProperty({
    description: 'Nach Wirksamkeitsdatum; bei gleichem Datum in der Reihenfolge der Erfassung',
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(ResidenceStatusEntryAnswer) }, { $ref: getSchemaPath(JurisdictionChangeEntryAnswer) }] },
  })
  entries!: Array<ResidenceStatusEntryAnswer | JurisdictionChangeEntryAnswer>;
}
