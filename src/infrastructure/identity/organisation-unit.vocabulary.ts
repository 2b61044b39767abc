/** The kinds of organisation that employ case managers (README.md of the domain). */
export const ORGANISATION_UNIT_KINDS = {
  integration_centre: 'Kommunales Integrationszentrum',
  provider: 'Träger der freien Wohlfahrtspflege',
} as const;
export type OrganisationUnitKind = keyof typeof ORGANISATION_UNIT_KINDS;

/**
 * Each unit is its own controller under its own data-protection act: municipal units the DSG NRW, Catholic
 * providers (Caritas) the KDG, Protestant providers (Diakonie) the DSG-EKD, all others the BDSG.
 */
export const DATA_PROTECTION_REGIMES = {
  dsg_nrw: 'DSG NRW',
  kdg: 'KDG',
  dsg_ekd: 'DSG-EKD',
  bdsg: 'BDSG',
} as const;
export type DataProtectionRegime = keyof typeof DATA_PROTECTION_REGIMES;

export function isOrganisationUnitKind(value: string): value is OrganisationUnitKind {
  return Object.hasOwn(ORGANISATION_UNIT_KINDS, value);
}

export function isDataProtectionRegime(value: string): value is DataProtectionRegime {
  return Object.hasOwn(DATA_PROTECTION_REGIMES, value);
}
