import { LIFE_AREA_LABELS, LIFE_AREAS, type LifeArea } from '../../../../domain/case/case.vocabulary';
import { BooleanField, CodeField, DateField, NestedField, TextField } from '../../request-fields.decorators';
import { InstitutionDto } from './institution.dto';

/** The referral's id is made by the server and returned with the answer. */
export class MakeReferralRequest {
  @NestedField(() => InstitutionDto, { description: 'Die Stelle, an die weitergeleitet wird' })
  institution!: InstitutionDto;

  @CodeField(LIFE_AREAS, { enumName: 'LifeArea', labels: LIFE_AREA_LABELS, description: 'Lebensbereich' })
  lifeArea!: LifeArea;

  @TextField({ optional: true, description: 'Anlass der Weiterleitung (wird verschlüsselt gespeichert)' })
  reason?: string | null;

  @BooleanField({ description: 'Werden Daten an die Stelle weitergegeben? Dann ist eine Schweigepflichtentbindung für genau diese Stelle nötig.' })
  sharesData!: boolean;

  @DateField({ description: 'Datum der Weiterleitung' })
  referredOn!: string;
}
