import {
  isLegalBasisInForce,
  LEGAL_BASES,
  LEGAL_BASIS_CODES,
  legalBasesOf,
  legalBasisBelongsTo,
  RESIDENCE_CATEGORIES,
  RESIDENCE_CATEGORY_CODES,
} from '../../../src/domain/residence-law/residence-status.taxonomy';

describe('the residence-status taxonomy', () => {
  it('gives every category at least one legal basis, and every legal basis exactly one category', () => {
    for (const category of RESIDENCE_CATEGORY_CODES) expect(legalBasesOf(category).length).toBeGreaterThan(0);
    expect(RESIDENCE_CATEGORY_CODES.flatMap(legalBasesOf).sort()).toEqual([...LEGAL_BASIS_CODES].sort());
  });

  it('labels everything in German and cites the paragraph', () => {
    for (const label of Object.values(RESIDENCE_CATEGORIES)) expect(label.length).toBeGreaterThan(3);
    for (const entry of Object.values(LEGAL_BASES)) {
      expect(entry.paragraph).toMatch(/^§§? \d+[a-z]?.* (AufenthG|AsylG|FreizügG\/EU|StAG)$/);
      expect(entry.label.length).toBeGreaterThan(3);
    }
  });

  it('groups only residence permits', () => {
    for (const entry of Object.values(LEGAL_BASES)) expect(entry.group !== null).toBe(entry.category === 'residence_permit');
  });

  it('lists the paragraphs of residence-law.md', () => {
    expect(legalBasesOf('tolerated')).toEqual(['aufenthg_60a', 'aufenthg_60b', 'aufenthg_60c', 'aufenthg_60d']);
    expect(legalBasesOf('residence_permit')).toEqual(
      expect.arrayContaining(['aufenthg_16b', 'aufenthg_16g', 'aufenthg_18a', 'aufenthg_18b', 'aufenthg_18g', 'aufenthg_19d', 'aufenthg_20a']),
    );
    expect(legalBasesOf('residence_permit')).toEqual(
      expect.arrayContaining(['aufenthg_22', 'aufenthg_23', 'aufenthg_23a', 'aufenthg_24', 'aufenthg_25_1', 'aufenthg_25_2', 'aufenthg_25_3', 'aufenthg_25_4', 'aufenthg_25_5']),
    );
    expect(legalBasesOf('residence_permit')).toEqual(expect.arrayContaining(['aufenthg_25a', 'aufenthg_25b', 'aufenthg_104c', 'aufenthg_27_36']));
    expect(legalBasesOf('german_citizen')).toContain('stag_10');
  });

  it('knows which category a legal basis belongs to', () => {
    expect(legalBasisBelongsTo('aufenthg_25_2', 'residence_permit')).toBe(true);
    expect(legalBasisBelongsTo('aufenthg_25_2', 'tolerated')).toBe(false);
  });

  it('knows from when newer paragraphs exist', () => {
    expect(isLegalBasisInForce('aufenthg_20a', '2024-05-31')).toBe(false);
    expect(isLegalBasisInForce('aufenthg_20a', '2024-06-01')).toBe(true);
    expect(isLegalBasisInForce('aufenthg_104c', '2022-12-30')).toBe(false);
    expect(isLegalBasisInForce('aufenthg_104c', '2022-12-31')).toBe(true);
    expect(isLegalBasisInForce('aufenthg_18g', '2023-11-17')).toBe(false);
    expect(isLegalBasisInForce('aufenthg_60a', '1995-01-01')).toBe(true);
  });
});
