import type { FieldSpec, FieldsetSpec, FormValues } from './form.types';

/** A submitted body as form values: strings and lists of strings only, anything else is dropped. */
export function formValuesOf(body: unknown): FormValues {
  if (typeof body !== 'object' || body === null) return {};
  const values: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') values[name] = value;
    else if (Array.isArray(value)) values[name] = value.filter((item): item is string => typeof item === 'string');
  }
  return values;
}

export function textOf(values: FormValues, name: string): string {
  const value = values[name];
  if (value === undefined) return '';
  return typeof value === 'string' ? value : (value[0] ?? '');
}

export function listOf(values: FormValues, name: string): string[] {
  const value = values[name];
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

/**
 * The request body the fields describe. Empty text means "not given" (absent), so optional fields stay
 * optional and required ones get the DTO's "please fill in" message. Values that do not parse (a number
 * typed as "zwölf") are passed on as text for the DTO to refuse with its own message.
 */
export function bodyOf(fieldsets: readonly FieldsetSpec[], values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const fieldset of fieldsets) {
    const given = fieldset.fields.map((field) => [field, valueOf(field, values)] as const);
    const blank = given.every(([field, value]) => value === undefined || (field.kind === 'checkboxes' && (value as unknown[]).length === 0));
    if (fieldset.optionalObject !== undefined && blank) continue;
    for (const [field, value] of given) if (value !== undefined) setPath(body, field.name, value);
  }
  return body;
}

function valueOf(field: FieldSpec, values: FormValues): unknown {
  if (field.kind === 'checkboxes') return listOf(values, field.name);
  const text = textOf(values, field.name).trim();
  if (text === '') return undefined;
  if (field.kind === 'date') return isoDateOf(text);
  switch (field.value ?? (field.kind === 'integer' ? 'integer' : 'text')) {
    case 'integer':
      return /^[+-]?\d{1,15}$/.test(text) ? Number(text) : text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'list':
      return [text];
    case 'languages':
      return text.toLowerCase().split(/[\s,;]+/).filter((code) => code !== '');
    case 'text':
      return text;
  }
}

/** Sets `a.b.c` on nested plain objects. Paths come from the form descriptions, never from the request. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    node[segment] ??= {};
    node = node[segment] as Record<string, unknown>;
  }
  node[segments[segments.length - 1]] = value;
}

/**
 * A date as people type it (`6.3.2025`, `06.03.2025`) in the API's form (`2025-03-06`); an ISO date stays as it
 * is, anything else is passed on for the DTO to refuse.
 */
export function isoDateOf(text: string): string {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  return german === null ? text : `${german[3]}-${german[2].padStart(2, '0')}-${german[1].padStart(2, '0')}`;
}

/** An ISO date as a German reader writes it, for a date field's value; other text is shown as typed. */
export function germanDateText(text: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return iso === null ? text : `${iso[3]}.${iso[2]}.${iso[1]}`;
}
