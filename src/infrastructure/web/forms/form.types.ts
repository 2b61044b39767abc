/**
 * A form described as data: each field names the request-body path it fills (the API's DTO path, e.g.
 * `client.personal.givenName`), so the same DTO class validates the form and its problems come back under the
 * field's own name. Rendering, parsing and error placement all read these descriptions.
 */
export type FieldKind = 'text' | 'textarea' | 'date' | 'integer' | 'select' | 'radio' | 'checkboxes' | 'password' | 'email' | 'tel';

/** How the submitted text becomes a value of the request body. */
export type FieldValue = 'text' | 'integer' | 'boolean' | 'list' | 'languages';

export interface Choice {
  value: string;
  label: string;
  /** Options with the same group are rendered together (`<optgroup>`). */
  group?: string;
}

export interface FieldSpec {
  /** The request-body path: also the form field's name. */
  name: string;
  label: string;
  kind: FieldKind;
  hint?: string;
  required?: boolean;
  choices?: readonly Choice[];
  /** Select only: the first, empty option ("bitte wählen", "keine Angabe"). */
  emptyChoice?: string;
  value?: FieldValue;
  autocomplete?: string;
  /** Narrow inputs for short values (years, postcodes, minutes). */
  width?: 'short' | 'medium';
}

export interface FieldsetSpec {
  legend: string;
  hint?: string;
  fields: readonly FieldSpec[];
  /**
   * The body path of an optional nested object (an address, a referring institution): left out entirely when
   * every field of the set is empty, so the DTO sees "not given" rather than an object of blanks.
   */
  optionalObject?: string;
}

/** What the browser sent, as text: kept as it was typed so a form shown again shows the same. */
export type FormValues = Readonly<Record<string, string | readonly string[]>>;

export const FORM_FIELDS = {
  csrf: '_csrf',
  revision: '_revision',
  idempotencyKey: '_idempotency',
} as const;
