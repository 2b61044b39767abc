import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { isCalendarDate } from '../../domain/time/calendar-date.value';

/**
 * Input fields of the API: each decorator validates with a German message and documents the field for
 * OpenAPI in one place. They mirror the domain's input rules (`command-input.guards.ts`), so a form learns of a
 * mistake per field (400); the domain still checks everything itself (422) and stays the authority.
 */

const REQUIRED = 'Bitte füllen Sie dieses Feld aus.';
const NOT_TEXT = 'Bitte geben Sie einen Text ein.';
const BLANK = 'Bitte geben Sie hier etwas ein.';
const NOT_CODE = 'Bitte wählen Sie einen der vorgesehenen Werte.';
const NOT_DATE = 'Bitte geben Sie ein gültiges Datum im Format JJJJ-MM-TT an.';
const NOT_INTEGER = 'Bitte geben Sie eine ganze Zahl ein.';
const NOT_BOOLEAN = 'Bitte geben Sie ja (true) oder nein (false) an.';
const NOT_LIST = 'Bitte geben Sie eine Liste an.';
const NOT_OBJECT = 'Bitte geben Sie hier die vorgesehenen Felder als Objekt an.';
const REPEATED = 'Jeder Wert darf nur einmal vorkommen.';
const NOT_ID = 'Bitte geben Sie eine gültige Kennung an (Buchstaben, Ziffern und . _ : -, höchstens 200 Zeichen).';
const NOT_LANGUAGE = 'Bitte geben Sie einen Sprachcode nach ISO 639 an, z. B. "ar" oder "de".';
const NOT_COUNTRY = 'Bitte geben Sie einen Ländercode nach ISO 3166-1 an, z. B. "SY".';

const tooLong = (max: number) => `Der Text ist zu lang (höchstens ${max} Zeichen).`;
const tooSmall = (min: number) => `Der Wert muss mindestens ${min} sein.`;
const tooLarge = (max: number) => `Der Wert darf höchstens ${max} sein.`;

/** The domain's limits, repeated here so a form hears about them before the command is built. */
export const MAX_TEXT_LENGTH = 20_000;
export const MAX_NAME_LENGTH = 300;
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

interface FieldOptions {
  description?: string;
  example?: unknown;
  /** Absent and null are both accepted and mean "not given". */
  optional?: boolean;
}

/** Present unless optional; null and absent skip the other checks of an optional field. */
function presence(options: FieldOptions): PropertyDecorator {
  return options.optional ? IsOptional() : IsDefined({ message: REQUIRED });
}

function documented(options: FieldOptions, schema: ApiPropertyOptions): PropertyDecorator {
  const base = { description: options.description, example: options.example, required: !options.optional };
  return ApiProperty({ ...base, ...(options.optional ? { nullable: true } : {}), ...schema } as ApiPropertyOptions);
}

/** Free text; personal data as far as the domain is concerned (it is sealed before it is stored). */
export function TextField(options: FieldOptions & { maxLength?: number } = {}): PropertyDecorator {
  const maxLength = options.maxLength ?? MAX_TEXT_LENGTH;
  return applyDecorators(
    documented(options, { type: String, maxLength }),
    presence(options),
    IsString({ message: NOT_TEXT }),
    MaxLength(maxLength, { message: tooLong(maxLength) }),
    // An optional blank text is stored as "none" by the domain; a required one must say something.
    ...(options.optional ? [] : [Matches(/\S/, { message: BLANK })]),
  );
}

export function NameField(options: FieldOptions = {}): PropertyDecorator {
  return TextField({ ...options, maxLength: MAX_NAME_LENGTH });
}

export function IdField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    documented(options, { type: String, pattern: ID_PATTERN.source, maxLength: 200 }),
    presence(options),
    IsString({ message: NOT_ID }),
    Matches(ID_PATTERN, { message: NOT_ID }),
  );
}

export function DateField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    documented(options, { type: String, format: 'date', example: options.example ?? '2025-03-06' }),
    presence(options),
    ValidateBy({ name: 'isCalendarDate', validator: { validate: isCalendarDate, defaultMessage: () => NOT_DATE } }),
  );
}

/** One of a code list; the description lists the German labels so the document doubles as a glossary. */
export function CodeField<T extends string | number>(
  codes: readonly T[],
  options: FieldOptions & { enumName: string; labels?: Readonly<Record<string, string>> },
): PropertyDecorator {
  return applyDecorators(
    documented(options, { enum: [...codes], enumName: options.enumName, description: withLabels(options.description, options.labels) }),
    presence(options),
    IsIn([...codes], { message: NOT_CODE }),
  );
}

export function CodeListField<T extends string>(
  codes: readonly T[],
  options: FieldOptions & { enumName: string; labels?: Readonly<Record<string, string>>; minSize?: number; maxSize?: number },
): PropertyDecorator {
  const { minSize = 0, maxSize = codes.length } = options;
  return applyDecorators(
    documented(options, {
      enum: [...codes],
      enumName: options.enumName,
      isArray: true,
      minItems: minSize,
      maxItems: maxSize,
      uniqueItems: true,
      description: withLabels(options.description, options.labels),
    }),
    presence(options),
    IsArray({ message: NOT_LIST }),
    ...(minSize > 0 ? [ArrayMinSize(minSize, { message: `Bitte wählen Sie mindestens ${minSize} Wert(e).` })] : []),
    ArrayMaxSize(maxSize, { message: `Bitte wählen Sie höchstens ${maxSize} Werte.` }),
    ArrayUnique({ message: REPEATED }),
    IsIn([...codes], { each: true, message: NOT_CODE }),
  );
}

export function IntegerField(min: number, max: number, options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    documented(options, { type: 'integer', minimum: min, maximum: max }),
    presence(options),
    IsInt({ message: NOT_INTEGER }),
    Min(min, { message: tooSmall(min) }),
    Max(max, { message: tooLarge(max) }),
  );
}

export function BooleanField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(documented(options, { type: Boolean }), presence(options), IsBoolean({ message: NOT_BOOLEAN }));
}

export function LanguageField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    documented(options, { type: String, pattern: '^[a-z]{2,3}$', example: options.example ?? 'ar' }),
    presence(options),
    IsString({ message: NOT_LANGUAGE }),
    Matches(/^[a-z]{2,3}$/, { message: NOT_LANGUAGE }),
  );
}

export function LanguageListField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    documented(options, { type: [String], maxItems: 20, uniqueItems: true, example: ['ar', 'de'] }),
    presence(options),
    IsArray({ message: NOT_LIST }),
    ArrayMaxSize(20, { message: 'Bitte geben Sie höchstens 20 Sprachen an.' }),
    ArrayUnique({ message: REPEATED }),
    Matches(/^[a-z]{2,3}$/, { each: true, message: NOT_LANGUAGE }),
  );
}

export function CountryField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    documented(options, { type: String, pattern: '^[A-Z]{2}$', example: options.example ?? 'SY' }),
    presence(options),
    IsString({ message: NOT_COUNTRY }),
    Matches(/^[A-Z]{2}$/, { message: NOT_COUNTRY }),
  );
}

/** A nested object of the given DTO class, validated field by field. */
export function NestedField(type: () => new () => object, options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    documented(options, { type: type() }),
    presence(options),
    IsObject({ message: NOT_OBJECT }),
    ValidateNested({ message: NOT_OBJECT }),
    Type(type),
  );
}

export function NestedListField(
  type: () => new () => object,
  options: FieldOptions & { minSize: number; maxSize: number },
): PropertyDecorator {
  return applyDecorators(
    documented(options, { type: [type()], minItems: options.minSize, maxItems: options.maxSize }),
    presence(options),
    IsArray({ message: NOT_LIST }),
    ArrayMinSize(options.minSize, { message: `Bitte geben Sie mindestens ${options.minSize} Eintrag/Einträge an.` }),
    ArrayMaxSize(options.maxSize, { message: `Bitte geben Sie höchstens ${options.maxSize} Einträge an.` }),
    ValidateNested({ each: true, message: NOT_OBJECT }),
    Type(type),
  );
}

function withLabels(description: string | undefined, labels: Readonly<Record<string, string>> | undefined): string | undefined {
  if (labels === undefined) return description;
  const list = Object.entries(labels)
    .map(([code, label]) => `\`${code}\`: ${label}`)
    .join('; ');
  return description === undefined ? list : `${description}. ${list}`;
}
