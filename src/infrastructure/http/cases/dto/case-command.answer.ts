import { ApiProperty } from '@nestjs/swagger';

/** What every command answers: the case's new revision (also in the ETag) and where the log stands. */
export class CaseCommandAnswer {
  @ApiProperty({ example: '5f0c2b1e-9d3a-4c8e-b7f6-1a2d3e4f5a6b' })
  caseId!: string;

  @ApiProperty({ example: 4, description: 'Stand des Falls nach dem Befehl; für den nächsten bedingten Befehl als If-Match: "4" senden.' })
  revision!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Position im Ereignisprotokoll; eine Abfrage kann warten, bis die Lesemodelle sie erreicht haben.',
  })
  checkpoint!: string | null;

  @ApiProperty({ type: [String], example: ['CounsellingSessionHeld', 'CasePhaseChanged'], description: 'Die erfassten Ereignisse, in Reihenfolge.' })
  events!: string[];
}

export class OpenCaseAnswer extends CaseCommandAnswer {
  @ApiProperty({ description: 'Pseudonyme Kennung der Person; wird für eine Löschung zur Bestätigung gebraucht.' })
  clientId!: string;
}

export class AgreeGoalAnswer extends CaseCommandAnswer {
  @ApiProperty({ description: 'Kennung des neuen Ziels' })
  goalId!: string;
}

export class MakeReferralAnswer extends CaseCommandAnswer {
  @ApiProperty({ description: 'Kennung der neuen Weiterleitung' })
  referralId!: string;
}

export class ScheduleFollowUpAnswer extends CaseCommandAnswer {
  @ApiProperty({ description: 'Kennung der neuen Wiedervorlage' })
  followUpId!: string;
}
