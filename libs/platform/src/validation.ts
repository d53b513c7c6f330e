import { applyDecorators, ValidationPipe } from '@nestjs/common';
import { IsISO8601, Matches, type ValidationError } from 'class-validator';
import { type FieldError, ValidationProblem } from './problem';

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
 * payloads into their DTO classes, and answers bad input with a ValidationProblem (400).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationProblem(fieldErrors(errors)),
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
