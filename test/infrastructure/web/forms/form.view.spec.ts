import { formView } from '../../../../src/infrastructure/web/forms/form.view';
import type { FieldsetSpec } from '../../../../src/infrastructure/web/forms/form.types';

const FIELDSETS: FieldsetSpec[] = [
  {
    legend: 'Person',
    fields: [
      { name: 'client.personal.givenName', label: 'Vorname', kind: 'text', required: true, hint: 'Wie im Ausweis.' },
      { name: 'client.personal.dateOfBirth', label: 'Geburtsdatum', kind: 'date' },
      { name: 'channel', label: 'Zugangsweg', kind: 'radio', choices: [{ value: 'office', label: 'Büro' }, { value: 'phone', label: 'Telefon' }] },
    ],
  },
];

const view = (problems: Array<{ field: string; message: string }>, values: Record<string, string> = {}) =>
  formView({ id: 'f', action: '/x', submitLabel: 'Senden', fieldsets: FIELDSETS, values, problems });

describe('a form with its problems', () => {
  it('ties each problem to its field through aria-describedby and lists them in the order of the form, linked to the input', () => {
    const form = view([
      { field: 'channel', message: 'Bitte wählen Sie.' },
      { field: 'client.personal.givenName', message: 'Bitte füllen Sie dieses Feld aus.' },
    ]);
    const [givenName, , channel] = form.fieldsets[0].fields;
    expect(givenName.describedBy).toBe('feld-client-personal-givenName-hinweis feld-client-personal-givenName-fehler');
    expect(givenName.error).toBe('Bitte füllen Sie dieses Feld aus.');
    expect(channel.error).toBe('Bitte wählen Sie.');
    expect(form.errorSummary).toEqual([
      { href: '#feld-client-personal-givenName', text: 'Vorname: Bitte füllen Sie dieses Feld aus.' },
      { href: '#feld-channel-0', text: 'Zugangsweg: Bitte wählen Sie.' },
    ]);
  });

  it('puts a problem with a whole nested object on its first field, and one without a field at the top of the summary', () => {
    const form = view([
      { field: 'client.personal', message: 'Bitte geben Sie hier die vorgesehenen Felder an.' },
      { field: '', message: 'Der Fall ist abgeschlossen.' },
    ]);
    expect(form.fieldsets[0].fields[0].error).toBe('Bitte geben Sie hier die vorgesehenen Felder an.');
    expect(form.errorSummary.map((link) => link.text)).toEqual(['Der Fall ist abgeschlossen.', 'Vorname: Bitte geben Sie hier die vorgesehenen Felder an.']);
  });

  it('shows dates as typed in German and words the DTO’s date message for them', () => {
    const form = view([{ field: 'client.personal.dateOfBirth', message: 'Bitte geben Sie ein gültiges Datum im Format JJJJ-MM-TT an.' }], {
      'client.personal.dateOfBirth': '1990-04-12',
    });
    const date = form.fieldsets[0].fields[1];
    expect(date.value).toBe('12.04.1990');
    expect(date.error).toBe('Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ an, z. B. 06.03.2025.');
  });

  it('asks to choose, not to fill in, where the field is a set of options', () => {
    const form = view([{ field: 'channel', message: 'Bitte füllen Sie dieses Feld aus.' }]);
    expect(form.fieldsets[0].fields[2].error).toBe('Bitte wählen Sie eine der Möglichkeiten.');
  });
});
