import type { FieldProblem } from '../../http/request-validation';
import type { Choice, FieldKind, FieldSpec, FieldsetSpec, FormValues } from './form.types';
import { germanDateText, listOf, textOf } from './form-values';

export interface ChoiceView {
  id: string;
  value: string;
  label: string;
  selected: boolean;
}

export interface ChoiceGroupView {
  label: string | null;
  choices: ChoiceView[];
}

export interface FieldView {
  id: string;
  name: string;
  label: string;
  kind: FieldKind;
  hint: string | null;
  hintId: string;
  error: string | null;
  errorId: string;
  /** The ids that describe the input: hint and error, as present. */
  describedBy: string | null;
  required: boolean;
  value: string;
  groups: ChoiceGroupView[];
  emptyChoice: string | null;
  autocomplete: string | null;
  width: string | null;
}

export interface FieldsetView {
  legend: string;
  hint: string | null;
  fields: FieldView[];
}

export interface ErrorLink {
  href: string;
  text: string;
}

/** What was changed by someone else while the form was open: shown above the kept input. */
export interface ConflictView {
  yourRevision: number;
  currentRevision: number;
  changes: Array<{ summary: string; by: string; at: string }>;
  reloadHref: string;
}

export interface FormView {
  id: string;
  action: string;
  submitLabel: string;
  hidden: Array<{ name: string; value: string }>;
  fieldsets: FieldsetView[];
  /** Every problem, linked to its field where it has one: the error summary at the top of the form. */
  errorSummary: ErrorLink[];
  conflict: ConflictView | null;
  cancelHref: string | null;
}

export interface FormViewOptions {
  id: string;
  action: string;
  submitLabel: string;
  fieldsets: readonly FieldsetSpec[];
  values: FormValues;
  problems?: readonly FieldProblem[];
  hidden?: Record<string, string>;
  conflict?: ConflictView | null;
  cancelHref?: string | null;
  /** Maps a problem's body path to the form field showing it, where the two differ (lists of rows). */
  fieldOf?: (problemField: string) => string;
}

export function fieldId(name: string): string {
  return `feld-${name.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

export function formView(options: FormViewOptions): FormView {
  const fields = options.fieldsets.flatMap((fieldset) => fieldset.fields);
  const placed = placeProblems(fields, options.problems ?? [], options.fieldOf ?? ((field) => field));
  const fieldsets = options.fieldsets.map((fieldset) => ({
    legend: fieldset.legend,
    hint: fieldset.hint ?? null,
    fields: fieldset.fields.map((field) => fieldView(field, options.values, placed.byField.get(field.name) ?? null)),
  }));
  return {
    id: options.id,
    action: options.action,
    submitLabel: options.submitLabel,
    hidden: Object.entries(options.hidden ?? {}).map(([name, value]) => ({ name, value })),
    fieldsets,
    errorSummary: placed.summary,
    conflict: options.conflict ?? null,
    cancelHref: options.cancelHref ?? null,
  };
}

/**
 * Each problem goes to the field of its name, or (a problem with a whole nested object) to the first field
 * inside it; one message per field. The summary lists them in the order of the form, problems without a field
 * (a refusal of the whole request) first.
 */
function placeProblems(fields: readonly FieldSpec[], problems: readonly FieldProblem[], fieldOf: (field: string) => string) {
  const byField = new Map<string, string>();
  const listed: Array<{ order: number; link: ErrorLink }> = [];
  for (const problem of problems) {
    const name = fieldOf(problem.field);
    const index = fields.findIndex((candidate) => candidate.name === name);
    const order = index >= 0 ? index : fields.findIndex((candidate) => candidate.name.startsWith(`${name}.`));
    const field = fields[order];
    if (field === undefined) {
      listed.push({ order: -1, link: { href: '', text: problem.message } });
      continue;
    }
    if (byField.has(field.name)) continue;
    byField.set(field.name, problem.message);
    listed.push({ order, link: { href: `#${firstInputId(field)}`, text: `${field.label}: ${problem.message}` } });
  }
  return { byField, summary: listed.sort((a, b) => a.order - b.order).map((entry) => entry.link) };
}

function firstInputId(field: FieldSpec): string {
  return field.kind === 'radio' || field.kind === 'checkboxes' ? `${fieldId(field.name)}-0` : fieldId(field.name);
}

/** The DTO's "fill in" reads oddly at a list or a set of options: there, one chooses. */
const REQUIRED_MESSAGE = 'Bitte füllen Sie dieses Feld aus.';
const CHOOSE_MESSAGE = 'Bitte wählen Sie eine der Möglichkeiten.';

/** The DTO describes dates in the API's format; a form takes them as people write them. */
const DATE_MESSAGE = 'Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ an, z. B. 06.03.2025.';
const DATE_HINT = 'Format TT.MM.JJJJ, z. B. 06.03.2025.';

function fieldView(field: FieldSpec, values: FormValues, problem: string | null): FieldView {
  const id = fieldId(field.name);
  const date = field.kind === 'date';
  const choice = field.kind === 'radio' || field.kind === 'select' || field.kind === 'checkboxes';
  const error = date && problem?.includes('JJJJ-MM-TT') ? DATE_MESSAGE : choice && problem === REQUIRED_MESSAGE ? CHOOSE_MESSAGE : problem;
  const hint = date ? [field.hint, DATE_HINT].filter((part) => part !== undefined).join(' ') : field.hint;
  const hintId = `${id}-hinweis`;
  const errorId = `${id}-fehler`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter((part) => part !== null).join(' ');
  const chosen = field.kind === 'checkboxes' ? listOf(values, field.name) : [textOf(values, field.name)];
  return {
    id,
    name: field.name,
    label: field.label,
    kind: field.kind,
    hint: hint ?? null,
    hintId,
    error,
    errorId,
    describedBy: describedBy === '' ? null : describedBy,
    required: field.required ?? false,
    value: field.kind === 'password' ? '' : date ? germanDateText(textOf(values, field.name)) : textOf(values, field.name),
    groups: groupsOf(field.choices ?? [], id, chosen),
    emptyChoice: field.emptyChoice ?? null,
    autocomplete: field.autocomplete ?? null,
    width: field.width ?? null,
  };
}

function groupsOf(choices: readonly Choice[], id: string, chosen: readonly string[]): ChoiceGroupView[] {
  const groups: ChoiceGroupView[] = [];
  choices.forEach((choice, index) => {
    const label = choice.group ?? null;
    let group = groups[groups.length - 1];
    if (group === undefined || group.label !== label) {
      group = { label, choices: [] };
      groups.push(group);
    }
    group.choices.push({ id: `${id}-${index}`, value: choice.value, label: choice.label, selected: chosen.includes(choice.value) });
  });
  return groups;
}
