import {
  ENTRY_CRITERIA,
  ENTRY_CRITERION_LABELS,
  type EntryCriterion,
  type Gender,
  GENDER_LABELS,
  GENDERS,
  INTAKE_CHANNEL_LABELS,
  INTAKE_CHANNELS,
  type IntakeChannel,
} from '../../../../domain/case/case.vocabulary';
import {
  CodeField,
  CodeListField,
  CountryField,
  DateField,
  IdField,
  IntegerField,
  LanguageListField,
  NameField,
  NestedField,
} from '../../request-fields.decorators';
import { InstitutionDto } from './institution.dto';

const MAX_YEAR = 2999;

export class ContactDto {
  @NameField({ optional: true, description: 'Telefonnummer', example: '+49 2452 123456' })
  phone?: string | null;

  @NameField({ optional: true, description: 'E-Mail-Adresse' })
  email?: string | null;
}

export class AddressDto {
  @NameField({ description: 'Straße und Hausnummer' })
  street!: string;

  @NameField({ description: 'Postleitzahl', example: '52525' })
  postalCode!: string;

  @NameField({ description: 'Ort', example: 'Heinsberg' })
  city!: string;
}

/** Identifies the person: stored only encrypted with the client's own key. */
export class ClientPersonalDataDto {
  @NameField({ description: 'Vorname(n)' })
  givenName!: string;

  @NameField({ description: 'Familienname' })
  familyName!: string;

  @DateField({ optional: true, description: 'Geburtsdatum', example: '1990-04-12' })
  dateOfBirth?: string | null;

  @NestedField(() => ContactDto, { optional: true, description: 'Kontaktdaten' })
  contact?: ContactDto | null;

  @NestedField(() => AddressDto, { optional: true, description: 'Anschrift' })
  address?: AddressDto | null;
}

/** Pseudonymous attributes for reports: coarse enough to be stored unencrypted. */
export class ClientProfileDto {
  @IntegerField(1900, MAX_YEAR, { optional: true, description: 'Geburtsjahr (nicht in der Zukunft)', example: 1990 })
  birthYear?: number | null;

  @CodeField(GENDERS, { enumName: 'Gender', labels: GENDER_LABELS, description: 'Geschlecht' })
  gender!: Gender;

  @CountryField({ optional: true, description: 'Herkunftsland (ISO 3166-1 Alpha-2)' })
  countryOfOrigin?: string | null;

  @LanguageListField({ optional: true, description: 'Sprachen (ISO 639)' })
  languages?: string[] | null;

  @IntegerField(1900, MAX_YEAR, { optional: true, description: 'Jahr der Einreise nach Deutschland', example: 2016 })
  arrivalYearInGermany?: number | null;

  @IntegerField(1900, MAX_YEAR, { optional: true, description: 'Jahr des Zuzugs in den Kreis', example: 2017 })
  arrivalYearInDistrict?: number | null;

  @IntegerField(1, 50, { optional: true, description: 'Personen im Haushalt', example: 4 })
  householdSize?: number | null;
}

export class ClientDto {
  @NestedField(() => ClientPersonalDataDto, { description: 'Personenbezogene Daten (werden verschlüsselt gespeichert)' })
  personal!: ClientPersonalDataDto;

  @NestedField(() => ClientProfileDto, { description: 'Pseudonyme Angaben für die Berichterstattung' })
  profile!: ClientProfileDto;
}

/** Fallaufnahme. Case and client ids are made by the server and returned with the answer. */
export class OpenCaseRequest {
  @IdField({
    optional: true,
    description: 'Organisationseinheit des Falls; ohne Angabe die eigene. Nur die Koordinierungsstelle kann eine andere wählen.',
    example: 'demo-ki',
  })
  organisationUnitId?: string | null;

  @IdField({ optional: true, description: 'Zuständige Fallverantwortung (Benutzerkennung); ohne Angabe die angemeldete Person.' })
  caseManagerId?: string | null;

  @DateField({ description: 'Datum der Fallaufnahme (nicht in der Zukunft)', example: '2025-03-03' })
  openedOn!: string;

  @CodeField(INTAKE_CHANNELS, { enumName: 'IntakeChannel', labels: INTAKE_CHANNEL_LABELS, description: 'Zugangsweg' })
  channel!: IntakeChannel;

  @NestedField(() => InstitutionDto, { optional: true, description: 'Vermittelnde Stelle; Pflicht beim Zugangsweg `referred_by_institution`' })
  referredBy?: InstitutionDto | null;

  @CodeListField(ENTRY_CRITERIA, { enumName: 'EntryCriterion', labels: ENTRY_CRITERION_LABELS, description: 'Zugangskriterien' })
  entryCriteria!: EntryCriterion[];

  @NestedField(() => ClientDto, { description: 'Die Person' })
  client!: ClientDto;
}
