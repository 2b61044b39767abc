import { bodyOf, isoDateOf } from '../../../../src/infrastructure/web/forms/form-values';
import type { FieldsetSpec } from '../../../../src/infrastructure/web/forms/form.types';

const FIELDSETS: FieldsetSpec[] = [
  {
    legend: 'Beratung',
    fields: [
      { name: 'heldOn', label: 'Datum', kind: 'date' },
      { name: 'durationMinutes', label: 'Dauer', kind: 'integer' },
      { name: 'lifeAreas', label: 'Bereiche', kind: 'checkboxes' },
      { name: 'sharesData', label: 'Daten', kind: 'radio', value: 'boolean' },
      { name: 'client.profile.languages', label: 'Sprachen', kind: 'text', value: 'languages' },
      { name: 'note', label: 'Notiz', kind: 'textarea' },
    ],
  },
  { legend: 'Anschrift', optionalObject: 'address', fields: [{ name: 'address.street', label: 'Straße', kind: 'text' }, { name: 'address.city', label: 'Ort', kind: 'text' }] },
];

describe('a submitted form as the request body its DTO validates', () => {
  it('types the values and nests them by their body paths', () => {
    const body = bodyOf(FIELDSETS, {
      heldOn: '6.3.2025',
      durationMinutes: ' 60 ',
      lifeAreas: ['housing', 'language'],
      sharesData: 'false',
      'client.profile.languages': 'ar, DE;ti',
      note: '  Hausbesuch  ',
      'address.street': 'Hochstraße 12',
      'address.city': '',
    });
    expect(body).toEqual({
      heldOn: '2025-03-06',
      durationMinutes: 60,
      lifeAreas: ['housing', 'language'],
      sharesData: false,
      client: { profile: { languages: ['ar', 'de', 'ti'] } },
      note: 'Hausbesuch',
      address: { street: 'Hochstraße 12' },
    });
  });

  it('leaves out empty fields and an optional object whose fields are all empty, so the DTO sees "not given"', () => {
    expect(bodyOf(FIELDSETS, { heldOn: '', durationMinutes: '', note: '   ', 'address.street': '', 'address.city': '' })).toEqual({ lifeAreas: [] });
  });

  it('passes text that is no number or date on, for the DTO to refuse with its own message', () => {
    expect(bodyOf(FIELDSETS, { heldOn: '31.02', durationMinutes: 'zwölf' })).toEqual({ heldOn: '31.02', durationMinutes: 'zwölf', lifeAreas: [] });
  });

  it('reads German and ISO dates', () => {
    expect([isoDateOf('06.03.2025'), isoDateOf('6.3.2025'), isoDateOf('2025-03-06'), isoDateOf('März')]).toEqual(['2025-03-06', '2025-03-06', '2025-03-06', 'März']);
  });
});
