import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';

const NOT_FLAG = 'Bitte geben Sie true oder false an.';
const NOT_CHECKPOINT = 'Bitte übernehmen Sie den Wert aus der Antwort des Befehls (checkpoint).';

/** A yes/no query parameter: `true` or `false`, absent meaning no. */
export function FlagParam(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ enum: ['true', 'false'], description }),
    IsOptional(),
    IsIn(['true', 'false'], { message: NOT_FLAG }),
  );
}

/** A whole number from `min` to `max` as a query parameter; the controller converts it. */
export function NumberParam(min: number, max: number, description: string, example: number): PropertyDecorator {
  const message = `Bitte geben Sie eine ganze Zahl von ${min} bis ${max} an.`;
  return applyDecorators(
    ApiPropertyOptional({ type: String, pattern: '^\\d{1,7}$', example: String(example), description }),
    IsOptional(),
    IsString({ message }),
    Matches(/^\d{1,7}$/, { message }),
  );
}

/** Read-your-writes: the `checkpoint` of a command's answer. Opaque; the store checks it. */
export function WaitForParam(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      maxLength: 100,
      example: '812:4711',
      description:
        'Der `checkpoint` aus der Antwort eines Befehls: die Antwort wartet (höchstens einige Sekunden), bis die Übersicht ' +
        'diesen Stand enthält. `caughtUp` in der Antwort sagt, ob das gelang.',
    }),
    IsOptional(),
    IsString({ message: NOT_CHECKPOINT }),
    Matches(/^[A-Za-z0-9:._-]{1,100}$/, { message: NOT_CHECKPOINT }),
  );
}

export function flag(value: string | undefined): boolean {
  return value === 'true';
}
