import { normalisePhone } from '@kesu/intake-domain';
import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** Trims a string before it is validated and stored (other values pass unchanged, for the type checks). */
export function Trim(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
}

function rule(
  name: string,
  validate: (value: unknown, args: ValidationArguments) => boolean,
  message: (args: ValidationArguments) => string,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message, ...options },
      validator: { validate },
    });
}

/** A mainland-China mobile or landline with area code, or an international E.164 number (see `normalisePhone`). */
export function IsTelephoneNumber(): PropertyDecorator {
  return rule(
    'isTelephoneNumber',
    (value) => typeof value === 'string' && normalisePhone(value) !== null,
    ({ property }) =>
      `${property} must be a mainland-China mobile (e.g. 138 0000 0000, +86 optional), a landline with its area code (e.g. 010-12345678) or an international number in E.164 form (+ and 8–15 digits)`,
  );
}

/** An instant strictly after the instant in another field of the same object. */
export function IsAfter(other: string): PropertyDecorator {
  return rule(
    'isAfter',
    (value, { object }) => {
      const before = (object as Record<string, unknown>)[other];
      if (typeof value !== 'string' || typeof before !== 'string') return true;
      const [a, b] = [Date.parse(value), Date.parse(before)];
      return Number.isNaN(a) || Number.isNaN(b) || a > b;
    },
    ({ property }) => `${property} must lie after ${other}`,
  );
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export function IsCalendarDate(): PropertyDecorator {
  return rule(
    'isCalendarDate',
    (value) => {
      const parts = typeof value === 'string' ? CALENDAR_DATE.exec(value) : null;
      if (!parts) return false;
      const date = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
      return date.toISOString().startsWith(value as string);
    },
    ({ property }) => `${property} must be a calendar date YYYY-MM-DD`,
  );
}

/** Fails with the message when the condition on the whole object does not hold. */
export function Requires(
  name: string,
  holds: (value: unknown, object: Record<string, unknown>) => boolean,
  message: (args: ValidationArguments) => string,
): PropertyDecorator {
  return rule(name, (value, { object }) => holds(value, object as Record<string, unknown>), message);
}
