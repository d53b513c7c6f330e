import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  DomainRuleViolation,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  UnprocessableError,
} from '@kesu/kernel';
import { KeyErasedError, StaleRevisionError, WrongExpectedRevisionError } from '@kesu/ports';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { Public } from './auth.decorators';
import { startTestApp, type TestApp } from './test-support';

class ComplainantDto {
  @IsString()
  @Length(1, 100)
  name!: string;

  @IsOptional()
  @IsString()
  phone?: string;
}

class ItemDto {
  @IsInt()
  @Min(1)
  quantity!: number;
}

class RegistrationDto {
  @IsIn(['hotline', 'web'])
  channel!: string;

  @ValidateNested()
  @Type(() => ComplainantDto)
  complainant!: ComplainantDto;

  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @Type(() => ItemDto)
  items!: ItemDto[];
}

@Public()
@Controller('test')
class FailingController {
  @Get('domain-rule')
  domainRule(): never {
    throw new DomainRuleViolation('complaint.already_closed', 'A closed complaint cannot be assigned.');
  }

  @Get('conflict')
  conflict(): never {
    throw new WrongExpectedRevisionError('intake-complaint-1', 3, 4);
  }

  @Get('not-found')
  notFound(): never {
    throw new NotFoundError('complaint.not_found', 'complaint c-1 not found');
  }

  @Get('forbidden')
  forbidden(): never {
    throw new ForbiddenError('approval.above_limit', 'The amount is above your approval limit.');
  }

  @Get('invalid')
  invalid(): never {
    throw new InvalidInputError([{ field: 'If-Match', message: 'If-Match must be a revision' }]);
  }

  @Get('unprocessable')
  unprocessable(): never {
    throw new UnprocessableError(
      'idempotency.key_reused',
      'The Idempotency-Key was used for another request.',
    );
  }

  @Get('stale')
  stale(): never {
    throw new StaleRevisionError('intake-complaint-1', 3, 5);
  }

  @Get('erased')
  erased(): never {
    throw new KeyErasedError('person-7');
  }

  @Get('boom')
  boom(): never {
    throw new Error('secret connection string postgres://root:hunter2@db');
  }

  @Post('registrations')
  @HttpCode(201)
  register(@Body() body: RegistrationDto): { received: string; isDto: boolean } {
    return { received: body.complainant.name, isDto: body instanceof RegistrationDto };
  }
}

describe('problem answers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      controllers: [FailingController],
      relay: false,
      config: { bodyLimitBytes: 1024 },
    });
  });
  afterAll(() => t.close());

  const get = (url: string) => t.inject({ method: 'GET', url });
  const post = (payload: unknown) =>
    t.inject({ method: 'POST', url: '/test/registrations', payload: payload as Record<string, unknown> });
  const valid = { channel: 'web', complainant: { name: '张三' }, items: [{ quantity: 1 }] };

  it('maps a DomainRuleViolation to 409 with its code', async () => {
    const response = await get('/test/domain-rule');
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toEqual({
      type: 'urn:kesu:problem:domain-rule-violation',
      title: 'Domain rule violated',
      status: 409,
      detail: 'A closed complaint cannot be assigned.',
      code: 'complaint.already_closed',
      instance: '/test/domain-rule',
    });
  });

  it('maps a WrongExpectedRevisionError to 409 "Concurrency conflict"', async () => {
    const response = await get('/test/conflict');
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ title: 'Concurrency conflict', status: 409 });
  });

  it.each([
    ['not-found', 404, { code: 'complaint.not_found', detail: 'complaint c-1 not found' }],
    ['forbidden', 403, { code: 'approval.above_limit' }],
    ['unprocessable', 422, { code: 'idempotency.key_reused' }],
    [
      'invalid',
      400,
      {
        type: 'urn:kesu:problem:validation-failed',
        errors: [{ field: 'If-Match', message: 'If-Match must be a revision' }],
      },
    ],
    ['stale', 412, { type: 'urn:kesu:problem:stale-revision', currentRevision: 5 }],
  ] as const)('maps each kind of domain error to its status (%s → %d)', async (route, status, fields) => {
    const response = await get(`/test/${route}`);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status, instance: `/test/${route}`, ...fields });
  });

  it('maps a KeyErasedError to 410', async () => {
    const response = await get('/test/erased');
    expect(response.statusCode).toBe(410);
    expect(response.json()).toMatchObject({ status: 410 });
  });

  it('answers an unknown error with a generic 500 that leaks neither message nor stack', async () => {
    const response = await get('/test/boom');
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred.',
      instance: '/test/boom',
    });
    expect(response.body).not.toMatch(/hunter2|at .*\.ts|stack/);
  });

  it('accepts a valid body, transformed into its DTO class', async () => {
    const response = await post(valid);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ received: '张三', isDto: true });
  });

  it('names every bad field by its full dot path, nested objects and arrays included', async () => {
    const response = await post({
      channel: 'fax',
      complainant: { name: '', phone: 5 },
      items: [{ quantity: 1 }, { quantity: 0 }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = response.json();
    expect(body).toMatchObject({
      type: 'urn:kesu:problem:validation-failed',
      status: 400,
      instance: '/test/registrations',
    });
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'channel',
      'complainant.name',
      'complainant.phone',
      'items.1.quantity',
    ]);
    expect(body.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
  });

  it('rejects unknown fields, also inside nested objects', async () => {
    const response = await post({ ...valid, isAdmin: true, complainant: { name: 'x', ssn: '123' } });
    expect(response.statusCode).toBe(400);
    const fields = response
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    expect(fields).toEqual(['complainant.ssn', 'isAdmin']);
  });

  it('answers a body above BODY_LIMIT_BYTES with 413', async () => {
    const response = await post({ ...valid, complainant: { name: 'x'.repeat(2000) } });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 413,
      title: 'Payload Too Large',
      detail: 'The request body is larger than the 1024 bytes this endpoint accepts.',
      limitBytes: 1024,
    });
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/test/registrations',
      headers: { 'content-type': 'application/json' },
      payload: '{"channel": "web",',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 400,
      title: 'Bad Request',
      detail: expect.stringMatching(/JSON/),
    });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await get('/no/such/route');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ status: 404, instance: '/no/such/route' });
  });
});
