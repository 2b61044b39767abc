import {
  LEGAL_BASIS_CODES,
  type LegalBasis,
  RESIDENCE_CATEGORIES,
  RESIDENCE_CATEGORY_CODES,
  RESIDENCE_DOCUMENT_CODES,
  RESIDENCE_DOCUMENTS,
  type ResidenceCategory,
  type ResidenceDocument,
  STATUS_SOURCE_CODES,
  STATUS_SOURCES,
  type StatusSource,
} from '../../../../domain/residence-law/residence-status.taxonomy';
import { CodeField, DateField, NestedField } from '../../request-fields.decorators';

export class ResidenceStatusDto {
  @CodeField(RESIDENCE_CATEGORY_CODES, { enumName: 'ResidenceCategory', labels: RESIDENCE_CATEGORIES, description: 'Art des Aufenthaltsstatus' })
  category!: ResidenceCategory;

  @CodeField(LEGAL_BASIS_CODES, {
    enumName: 'LegalBasis',
    description: 'Rechtsgrundlage; muss zur Art passen (z. B. `asylg_55` für eine Aufenthaltsgestattung, `aufenthg_25_2` für § 25 Abs. 2 AufenthG)',
  })
  legalBasis!: LegalBasis;

  @CodeField(RESIDENCE_DOCUMENT_CODES, { enumName: 'ResidenceDocument', labels: RESIDENCE_DOCUMENTS, description: 'Vorgelegtes Dokument' })
  document!: ResidenceDocument;

  @DateField({ optional: true, description: 'Gültig ab (laut Dokument)' })
  validFrom?: string | null;

  @DateField({ optional: true, description: 'Gültig bis (laut Dokument); nicht vor „gültig ab“' })
  validUntil?: string | null;
}

/** A residence status as a case records it: the status, since when it applies to the case, and the source. */
export class LegalStatusRecordDto {
  @NestedField(() => ResidenceStatusDto, { description: 'Der neue Aufenthaltsstatus' })
  status!: ResidenceStatusDto;

  @DateField({ description: 'Seit wann der Status für den Fall gilt' })
  effectiveOn!: string;

  @CodeField(STATUS_SOURCE_CODES, { enumName: 'StatusSource', labels: STATUS_SOURCES, description: 'Woher die Angabe stammt' })
  source!: StatusSource;
}
