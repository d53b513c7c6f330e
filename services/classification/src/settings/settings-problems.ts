import type { ValidationProblem } from '@kesu/classification-domain';
import { InvalidInputError } from '@kesu/kernel';

/** InvalidInputError (400) naming the path of each problem the domain found in a tree or rule set. */
export function assertValid(problems: readonly ValidationProblem[]): void {
  if (problems.length > 0) {
    throw new InvalidInputError(problems.map((p) => ({ field: p.path || 'body', message: p.message })));
  }
}
