import { assertValidProjection, generationSchemaName, InvalidProjectionError } from '../../../src/projections/registry/generation-schema';

describe('generation schema names', () => {
  it('start with the installation schema, or kim for public, and name projection, version and generation', () => {
    expect(generationSchemaName('public', 'caseload', 2, 7)).toBe('kim_rm_caseload_v2_g7');
    expect(generationSchemaName('t_0123456789abcdef0123', 'caseload', 1, 1)).toBe('t_0123456789abcdef0123_rm_caseload_v1_g1');
  });

  it('refuse a name longer than PostgreSQL keeps, instead of letting it cut two generations to one name', () => {
    expect(() => generationSchemaName('t_0123456789abcdef0123', 'a_projection_name_of_forty_characters_xx', 1, 1)).toThrow(InvalidProjectionError);
  });

  it.each(['Caseload', '1caseload', 'case-load', 'case load', '', 'x'.repeat(41)])('refuse the projection name %j', (name) => {
    expect(() => assertValidProjection({ name, version: 1 })).toThrow(InvalidProjectionError);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuse the version %p', (version) => {
    expect(() => assertValidProjection({ name: 'caseload', version })).toThrow(InvalidProjectionError);
  });
});
