import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { InvalidInputError } from '@kesu/kernel';
import type { Observable } from 'rxjs';
import { RESERVED_NAMES } from './reserved-names';

interface RouteArgument {
  readonly data?: unknown;
}

/**
 * The query parameters a route declares: `'all'` when it takes the whole query (`@Query() params:
 * SomeParams`, whose class the validation pipe checks field by field), else the names it reads with
 * `@Query('name')` (none for most routes).
 */
function declaredParameters(controller: object, method: string): 'all' | ReadonlySet<string> {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
    string,
    RouteArgument
  >;
  const names = new Set<string>();
  for (const [key, argument] of Object.entries(args)) {
    if (Number(key.split(':')[0]) !== RouteParamtypes.QUERY) continue;
    if (typeof argument.data !== 'string') return 'all';
    names.add(argument.data);
  }
  return names;
}

/**
 * Query parameters are input like body fields: a route answers 400 naming each parameter it does
 * not declare, as the validation pipe does for unknown body fields and for the fields of a query
 * class (a route without any query parameter otherwise ignores them silently), and each parameter
 * whose name is reserved (`__proto__`, `constructor`, `toString`, …), which the validation pipe of a
 * query class would drop without a word.
 */
@Injectable()
export class UndeclaredQueryParameters implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const query = context.switchToHttp().getRequest<{ query?: unknown }>().query;
      const given = query !== null && typeof query === 'object' ? Object.keys(query) : [];
      if (given.length > 0) {
        const declared = declaredParameters(context.getClass(), context.getHandler().name);
        const refused = given.filter(
          (name) => RESERVED_NAMES.has(name) || (declared !== 'all' && !declared.has(name)),
        );
        if (refused.length > 0) {
          throw new InvalidInputError(
            refused.map((name) => ({ field: name, message: `property ${name} should not exist` })),
          );
        }
      }
    }
    return next.handle();
  }
}
