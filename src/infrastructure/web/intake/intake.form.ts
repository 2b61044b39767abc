import type { Principal } from '../../../application/identity/principal';
import { ENTRY_CRITERION_LABELS, GENDER_LABELS, INTAKE_CHANNEL_LABELS } from '../../../domain/case/case.vocabulary';
import type { DistrictStaff } from '../../identity/staff-directory.repository';
import { institutionFieldset, languageField } from '../case-file/case-action.fields';
import { choicesOf, COUNTRY_CHOICES } from '../forms/choices';
import type { Choice, FieldsetSpec } from '../forms/form.types';

/**
 * The intake on one form: the person, the pseudonymous profile for reports, the intake itself and the consent
 * to case management, which must exist before anything else can be recorded. Field names are the body paths of
 * the API's OpenCaseRequest; the consent's are those of RecordConsentRequest under `consent.`.
 */
export function intakeFieldsets(principal: Principal, staff: DistrictStaff): FieldsetSpec[] {
  return [
    {
      legend: 'Person',
      hint: 'Name, Geburtsdatum, Kontaktdaten und Anschrift werden mit einem eigenen Schlüssel der Person verschlüsselt gespeichert.',
      fields: [
        { name: 'client.personal.givenName', label: 'Vorname(n)', kind: 'text', required: true, autocomplete: 'off' },
        { name: 'client.personal.familyName', label: 'Familienname', kind: 'text', required: true, autocomplete: 'off' },
        { name: 'client.personal.dateOfBirth', label: 'Geburtsdatum', kind: 'date', width: 'medium' },
      ],
    },
    {
      legend: 'Kontakt',
      optionalObject: 'client.personal.contact',
      fields: [
        { name: 'client.personal.contact.phone', label: 'Telefon', kind: 'tel', width: 'medium', autocomplete: 'off' },
        { name: 'client.personal.contact.email', label: 'E-Mail', kind: 'email', autocomplete: 'off' },
      ],
    },
    {
      legend: 'Anschrift',
      optionalObject: 'client.personal.address',
      hint: 'Leer lassen, wenn keine Anschrift bekannt ist; sonst alle drei Angaben.',
      fields: [
        { name: 'client.personal.address.street', label: 'Straße und Hausnummer', kind: 'text', autocomplete: 'off' },
        { name: 'client.personal.address.postalCode', label: 'Postleitzahl', kind: 'text', width: 'short', autocomplete: 'off' },
        { name: 'client.personal.address.city', label: 'Ort', kind: 'text', width: 'medium', autocomplete: 'off' },
      ],
    },
    {
      legend: 'Angaben für die Berichterstattung',
      hint: 'Pseudonyme Angaben: sie erscheinen nur als Zahlen in Berichten.',
      fields: [
        { name: 'client.profile.gender', label: 'Geschlecht', kind: 'radio', required: true, choices: choicesOf(GENDER_LABELS) },
        { name: 'client.profile.birthYear', label: 'Geburtsjahr', kind: 'integer', width: 'short' },
        { name: 'client.profile.countryOfOrigin', label: 'Herkunftsland', kind: 'select', emptyChoice: 'Keine Angabe', choices: COUNTRY_CHOICES },
        {
          name: 'client.profile.languages',
          label: 'Sprachen',
          kind: 'text',
          value: 'languages',
          width: 'medium',
          hint: 'Sprachcodes nach ISO 639, durch Komma getrennt, z. B. „ar, de“.',
        },
        { name: 'client.profile.arrivalYearInGermany', label: 'Jahr der Einreise nach Deutschland', kind: 'integer', width: 'short' },
        { name: 'client.profile.arrivalYearInDistrict', label: 'Jahr des Zuzugs in den Kreis', kind: 'integer', width: 'short' },
        { name: 'client.profile.householdSize', label: 'Personen im Haushalt', kind: 'integer', width: 'short' },
      ],
    },
    {
      legend: 'Fallaufnahme',
      fields: [
        { name: 'openedOn', label: 'Datum der Fallaufnahme', kind: 'date', required: true, width: 'medium' },
        { name: 'channel', label: 'Zugangsweg', kind: 'radio', required: true, choices: choicesOf(INTAKE_CHANNEL_LABELS) },
        { name: 'entryCriteria', label: 'Zugangskriterien', kind: 'checkboxes', choices: choicesOf(ENTRY_CRITERION_LABELS) },
        assigneeField(principal, staff),
      ],
    },
    institutionFieldset('referredBy', 'Vermittelnde Stelle', { optional: true, hint: 'Pflicht beim Zugangsweg „Vermittlung durch eine Institution“.' }),
    {
      legend: 'Einwilligung in das Case Management',
      hint: 'Ohne Einwilligung kann nichts außer der Fallaufnahme erfasst werden.',
      fields: [
        { name: 'consent.formVersion', label: 'Version des Einwilligungsformulars', kind: 'text', required: true, width: 'medium', hint: 'z. B. „KIM-EW-2024-1“' },
        languageField('consent.language', 'Sprache des unterschriebenen Formulars', { required: true }),
        { name: 'consent.givenOn', label: 'Datum der Einwilligung', kind: 'date', required: true, width: 'medium' },
      ],
    },
  ];
}

/** Case managers open cases for themselves or a colleague of their unit; coordination names the case manager. */
function assigneeField(principal: Principal, staff: DistrictStaff) {
  const coordination = principal.role === 'coordination';
  const unitName = new Map(staff.units.map((unit) => [unit.id, unit.name]));
  const choices: Choice[] = staff.members
    .filter((member) => member.role === 'case_manager' && !member.disabled)
    .filter((member) => coordination || (member.organisationUnitId === principal.organisationUnitId && member.userId !== principal.userId))
    .map((member) => ({ value: member.userId, label: member.displayName, group: unitName.get(member.organisationUnitId ?? '') }));
  return {
    name: 'caseManagerId',
    label: 'Fallverantwortung',
    kind: 'select' as const,
    required: coordination,
    emptyChoice: coordination ? 'Bitte wählen' : 'Ich selbst',
    choices,
  };
}
