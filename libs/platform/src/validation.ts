import { applyDecorators, ValidationPipe } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  registerDecorator,
  type ValidationError,
  type ValidationOptions,
} from 'class-validator';
import { type FieldError, InvalidInputError } from '@kesu/kernel';
import { decodeCursor } from '@kesu/ports';
import { hasVisibleText } from '@kesu/text';

/**
 * Flattens class-validator's error tree into one entry per bad field, named by its full dot path
 * (`complainant.name`, `attachments.0.url`); several failed constraints of a field are joined.
 */
export function fieldErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  const flat: FieldError[] = [];
  for (const error of errors) {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) flat.push({ field, message: messages.join('; ') });
    if (error.children && error.children.length > 0) flat.push(...fieldErrors(error.children, field));
  }
  return flat;
}

/**
 * The global validation pipe: strips nothing silently (unknown fields are errors), transforms
 * payloads into their DTO classes, and answers bad input with an InvalidInputError (400).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInputError(fieldErrors(errors)),
  });
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant: date, time and an offset (`Z` or `±hh:mm`), e.g. `2026-11-23T09:30:00+08:00`. */
export function IsInstant(): PropertyDecorator {
  return applyDecorators(
    IsISO8601({ strict: true, strictSeparator: true }),
    Matches(INSTANT, { message: ({ property }) => `${property} must be an ISO 8601 instant with an offset` }),
  );
}

const ORG_UNIT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** The id of an org unit (branch, region, HQ): letters, digits, `_` and `-`, at most 64. */
export function IsOrgUnitId(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Matches(ORG_UNIT_ID, { message: ({ property }) => `${property} must be an org unit id` }),
  );
}

export { hasVisibleText };

/**
 * At least one visible character: neither blank nor made only of control characters (a lone NUL is
 * no reason). For a text whose length a decider checks; other free text takes `IsText`.
 */
export function HasVisibleText(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'hasVisibleText',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: ({ property }) => `${property} must not be blank` },
      validator: { validate: (value: unknown) => typeof value !== 'string' || hasVisibleText(value) },
    });
}

/**
 * Free text of `min` to `max` characters with at least one visible character: the one rule of every
 * free-text field (`lengthOptions` words the length's message).
 */
export function IsText(min: number, max: number, lengthOptions?: ValidationOptions): PropertyDecorator {
  return applyDecorators(IsString(), Length(min, max, lengthOptions), HasVisibleText());
}

/** A `nextCursor` of a list, as the document store writes them (and reads them back). */
export function IsPageCursor(): PropertyDecorator {
  const cursor: PropertyDecorator = (target, propertyName) =>
    registerDecorator({
      name: 'isPageCursor',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: ({ property }) => `${property} must be a nextCursor of this list` },
      validator: { validate: (value: unknown) => typeof value !== 'string' || isPageCursor(value) },
    });
  return applyDecorators(IsString(), Length(1, 1000), cursor);
}

function isPageCursor(value: string): boolean {
  try {
    decodeCursor(value);
    return true;
  } catch {
    return false;
  }
}

/** The largest page any list answers. */
export const MAX_PAGE_SIZE = 100;

/** Cursor paging of the list routes: `cursor` from the previous page's `nextCursor`, `limit` 1–100. */
export class PageQuery {
  @IsOptional()
  @IsPageCursor()
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}
