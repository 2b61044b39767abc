import {
  CONSENT_PURPOSE_LABELS,
  INSTITUTION_TYPE_LABELS,
  LIFE_AREA_LABELS,
} from '../../../domain/case/case.vocabulary';
import { LANGUAGE_CHOICES, LEGAL_BASIS_CHOICES, choicesOf } from '../forms/choices';
import type { FieldSpec, FieldsetSpec } from '../forms/form.types';
import {
  RESIDENCE_CATEGORIES,
  RESIDENCE_DOCUMENTS,
  STATUS_SOURCES,
} from '../../../domain/residence-law/residence-status.taxonomy';

/** Field descriptions several case actions share. */

export const dateField = (name: string, label: string, options: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  label,
  kind: 'date',
  required: true,
  width: 'medium',
  ...options,
});

export const noteField = (name = 'note', label = 'Notiz'): FieldSpec => ({
  name,
  label,
  kind: 'textarea',
  hint: 'Wird verschlüsselt gespeichert.',
});

export const reasonField = (required: boolean, label = 'Begründung'): FieldSpec => ({
  name: 'reason',
  label,
  kind: 'textarea',
  required,
  hint: 'Wird verschlüsselt gespeichert und im Verlauf festgehalten.',
});

export const lifeAreaField = (name = 'lifeArea'): FieldSpec => ({
  name,
  label: 'Lebensbereich',
  kind: 'select',
  required: true,
  emptyChoice: 'Bitte wählen',
  choices: choicesOf(LIFE_AREA_LABELS),
});

export const consentPurposeField: FieldSpec = { name: 'purpose', label: 'Zweck', kind: 'radio', required: true, choices: choicesOf(CONSENT_PURPOSE_LABELS) };

/** A named office: consent to share data is given per named recipient, so name and kind go together. */
export function institutionFieldset(path: string, legend: string, options: { optional: boolean; hint?: string }): FieldsetSpec {
  return {
    legend,
    hint: options.hint,
    optionalObject: options.optional ? path : undefined,
    fields: [
      {
        name: `${path}.type`,
        label: 'Art der Stelle',
        kind: 'select',
        required: !options.optional,
        emptyChoice: options.optional ? 'Keine' : 'Bitte wählen',
        choices: choicesOf(INSTITUTION_TYPE_LABELS),
      },
      { name: `${path}.name`, label: 'Name der Stelle', kind: 'text', required: !options.optional, hint: 'z. B. „Jobcenter Kreis Heinsberg“' },
    ],
  };
}

export const languageField = (name: string, label: string, options: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  label,
  kind: 'select',
  choices: LANGUAGE_CHOICES,
  emptyChoice: 'Bitte wählen',
  ...options,
});

/** A residence status as recorded: category, legal basis, document, validity, since when, and the source. */
export function legalStatusFieldsets(prefix: string, options: { optional: boolean; legend: string }): FieldsetSpec[] {
  const path = (name: string) => (prefix === '' ? name : `${prefix}.${name}`);
  const required = !options.optional;
  return [
    {
      legend: options.legend,
      optionalObject: options.optional ? prefix : undefined,
      hint: options.optional ? 'Nur ausfüllen, wenn ein erfasster Aufenthaltsstatus berichtigt wird.' : undefined,
      fields: [
        { name: path('status.category'), label: 'Art des Aufenthaltsstatus', kind: 'select', required, emptyChoice: 'Bitte wählen', choices: choicesOf(RESIDENCE_CATEGORIES) },
        {
          name: path('status.legalBasis'),
          label: 'Rechtsgrundlage',
          kind: 'select',
          required,
          emptyChoice: 'Bitte wählen',
          hint: 'Muss zur Art des Status passen; nach Art gruppiert.',
          choices: LEGAL_BASIS_CHOICES,
        },
        { name: path('status.document'), label: 'Vorgelegtes Dokument', kind: 'select', required, emptyChoice: 'Bitte wählen', choices: choicesOf(RESIDENCE_DOCUMENTS) },
        dateField(path('status.validFrom'), 'Gültig ab (laut Dokument)', { required: false }),
        dateField(path('status.validUntil'), 'Gültig bis (laut Dokument)', { required: false, hint: 'Leer lassen, wenn unbefristet.' }),
        dateField(path('effectiveOn'), 'Für den Fall wirksam ab', { required }),
        { name: path('source'), label: 'Quelle der Angabe', kind: 'radio', required, choices: choicesOf(STATUS_SOURCES) },
      ],
    },
  ];
}
