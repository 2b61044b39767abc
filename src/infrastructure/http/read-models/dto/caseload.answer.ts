import { ApiProperty } from '@nestjs/swagger';

/**
 * The caseload's answer, for the OpenAPI document. Codes come with their German labels. The client's name is
 * decrypted only for readers entitled to it; after an erasure it reads "gelöscht".
 */

export class CodedAnswer {
  @ApiProperty({ example: 'assessment' }) code!: string;
  @ApiProperty({ example: 'Assessment / Bedarfsermittlung' }) label!: string;
}

export class LegalBasisAnswer extends CodedAnswer {
  @ApiProperty({ example: '§ 25 Abs. 2 AufenthG' }) paragraph!: string;
}

export class ClientNameAnswer {
  @ApiProperty({ type: String, nullable: true, example: 'Haddad, Amina', description: 'Familienname, Vorname; null ohne Berechtigung' })
  displayName!: string | null;
  @ApiProperty({ description: 'Die Daten der Person wurden gelöscht (displayName ist dann "gelöscht").' }) erased!: boolean;
}

export class ResidenceAnswer {
  @ApiProperty({ type: CodedAnswer, nullable: true }) category!: CodedAnswer | null;
  @ApiProperty({ type: LegalBasisAnswer, nullable: true }) legalBasis!: LegalBasisAnswer | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validUntil!: string | null;
  @ApiProperty({
    enum: ['expiring_soon', 'expired'],
    nullable: true,
    description: 'Bei offenen Fällen: Titel abgelaufen oder läuft in den nächsten 90 Tagen ab.',
  })
  permitExpiry!: string | null;
  @ApiProperty({ type: CodedAnswer, nullable: true, description: 'Rechtskreis' }) jurisdiction!: CodedAnswer | null;
}

export class FollowUpsAnswer {
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Nächste offene Wiedervorlage (offene Fälle)' })
  nextDueOn!: string | null;
  @ApiProperty({ description: 'Offene Wiedervorlagen, deren Datum vor heute liegt' }) overdueCount!: number;
}

export class InstitutionAnswer {
  @ApiProperty({ type: CodedAnswer }) type!: CodedAnswer;
  @ApiProperty({ example: 'Jobcenter Kreis Heinsberg' }) name!: string;
}

export class OpenReferralAnswer {
  @ApiProperty() referralId!: string;
  @ApiProperty({ type: InstitutionAnswer }) institution!: InstitutionAnswer;
  @ApiProperty({ format: 'date' }) referredOn!: string;
  @ApiProperty({ description: 'Tage seit der Weiterleitung' }) ageDays!: number;
  @ApiProperty({ description: 'Länger offen als die eingestellte Frist (Voreinstellung 30 Tage): nachfragen' }) old!: boolean;
}

export class CaseloadItemAnswer {
  @ApiProperty() caseId!: string;
  @ApiProperty() organisationUnitId!: string;
  @ApiProperty() districtId!: string;
  @ApiProperty() caseManagerId!: string;
  @ApiProperty({ type: CodedAnswer }) phase!: CodedAnswer;
  @ApiProperty({ type: ClientNameAnswer }) client!: ClientNameAnswer;
  @ApiProperty({ type: ResidenceAnswer }) residence!: ResidenceAnswer;
  @ApiProperty({ format: 'date' }) openedOn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) closedOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Letzter Beratungskontakt' }) lastContactOn!: string | null;
  @ApiProperty({ type: FollowUpsAnswer }) followUps!: FollowUpsAnswer;
  @ApiProperty({ type: [OpenReferralAnswer] }) openReferrals!: OpenReferralAnswer[];
  @ApiProperty({ description: 'Überfällige Wiedervorlage oder ablaufender Aufenthaltstitel' }) urgent!: boolean;
}

export class CaseloadAnswer {
  @ApiProperty({ format: 'date', description: 'Das Datum (Deutschland), für das Fristen beurteilt wurden' }) today!: string;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Mit waitFor: ob die Übersicht den Stand schon enthielt; sonst null' })
  caughtUp!: boolean | null;
  @ApiProperty({ description: 'Alle passenden Fälle, nicht nur diese Seite' }) total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty({ type: [CaseloadItemAnswer] }) items!: CaseloadItemAnswer[];
}
