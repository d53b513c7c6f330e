import type { PipeTransform } from '@nestjs/common';
import { InvalidInputError } from '@kesu/kernel';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks a path parameter that names a record by its uuid: a malformed one is a 400 problem naming
 * the parameter (nothing looked up), as a malformed field or query parameter is.
 */
export class UuidParam implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (typeof value !== 'string' || !UUID.test(value))
      throw new InvalidInputError([{ field: this.name, message: `${this.name} must be a uuid` }]);
    return value.toLowerCase();
  }
}

/** The pipe of a uuid path parameter: `@Param('id', uuidParam('id'))`. */
export const uuidParam = (name: string): UuidParam => new UuidParam(name);
