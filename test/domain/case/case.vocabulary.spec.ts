import { CASE_EVENT_TYPES, isCaseEventType } from '../../../src/domain/case/case.events';
import * as vocabulary from '../../../src/domain/case/case.vocabulary';
import { JURISDICTION_CODES, JURISDICTIONS } from '../../../src/domain/residence-law/benefit-jurisdiction.vocabulary';

const labelTables = Object.entries(vocabulary).filter(([name]) => name.endsWith('_LABELS')) as [string, Record<string, string>][];

describe('the case vocabulary', () => {
  it.each(labelTables)('%s has snake_case codes (or need levels) and a German label for each', (_name, table) => {
    expect(Object.keys(table).length).toBeGreaterThan(1);
    for (const [code, label] of Object.entries(table)) {
      expect(code).toMatch(/^([a-z]+(_[a-z0-9]+)*|[0-3])$/);
      expect(label.trim().length).toBeGreaterThan(1);
    }
  });

  it('has the twelve life areas of the programme', () => {
    expect(vocabulary.LIFE_AREAS).toHaveLength(12);
  });

  it('keeps the closure reason for erasure out of what a case manager may choose', () => {
    expect(vocabulary.CLOSURE_REASONS).not.toContain('client_data_erased');
  });

  it('names the benefit jurisdictions of residence-law.md', () => {
    expect(JURISDICTION_CODES).toEqual(['asylblg', 'sgb_ii', 'sgb_xii', 'sgb_iii', 'sgb_viii', 'bafoeg', 'none']);
    expect(JURISDICTIONS.sgb_ii.office).toBe('Jobcenter');
  });
});

describe('isCaseEventType', () => {
  it('recognises the case events and nothing else, not even inherited names', () => {
    for (const type of CASE_EVENT_TYPES) expect(isCaseEventType(type)).toBe(true);
    for (const other of ['CaseDeleted', 'toString', 'constructor', '', 42, null]) expect(isCaseEventType(other)).toBe(false);
  });
});
