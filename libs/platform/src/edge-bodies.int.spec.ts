import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { IsObject, IsOptional } from 'class-validator';
import { startTestApp, type TestApp } from './test-support';
import { IsText } from './validation';

class NoteDto {
  @IsText(1, 200)
  text!: string;

  @IsOptional()
  @IsObject()
  extra?: Record<string, unknown>;
}

class ActionDto {
  @IsOptional()
  @IsText(1, 200)
  note?: string;
}

@Controller('test')
class BodiesController {
  @Post('notes')
  @HttpCode(201)
  note(@Body() body: NoteDto): NoteDto {
    return body;
  }

  @Post('actions')
  @HttpCode(200)
  act(@Body() body: ActionDto): { note: string | null } {
    return { note: body.note ?? null };
  }
}

const nested = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('request bodies at the edge', () => {
  let t: TestApp;
  let bearer: string;

  beforeAll(async () => {
    t = await startTestApp({ controllers: [BodiesController], relay: false });
    bearer = `Bearer ${await t.tokenFor('agent1')}`;
  });
  afterAll(() => t.close());

  const post = (url: string, payload: string | undefined, contentType?: string) =>
    t.inject({
      method: 'POST',
      url,
      headers: { authorization: bearer, ...(contentType !== undefined && { 'content-type': contentType }) },
      ...(payload !== undefined && { payload }),
    });
  const fields = (body: { errors?: Array<{ field: string }> }) => body.errors?.map((e) => e.field);

  it.each(['/api/v1/auth/dev-token', '/test/notes'])(
    'answers JSON nested 5000 levels deep with a 400 naming the body (%s)',
    async (url) => {
      const response = await post(
        url,
        `{"username":"agent1","text":"x","extra":${nested(5000)}}`,
        'application/json',
      );
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(fields(response.json())).toEqual(['body']);
    },
  );

  it('accepts nesting up to 32 levels, the body included', async () => {
    const within = await post('/test/notes', `{"text":"x","extra":{"a":${nested(30)}}}`, 'application/json');
    expect(within.statusCode).toBe(201);
    const beyond = await post('/test/notes', `{"text":"x","extra":{"a":${nested(31)}}}`, 'application/json');
    expect(beyond.statusCode).toBe(400);
  });

  it.each([
    ['text/plain', '{"text":"x"}'],
    ['application/x-www-form-urlencoded', 'text=x'],
    [
      'multipart/form-data; boundary=b',
      '--b\r\ncontent-disposition: form-data; name="text"\r\n\r\nx\r\n--b--',
    ],
    ['application/json; charset=iso-8859-1', '{"text":"x"}'],
    [undefined, '{"text":"x"}'],
  ])('answers a %s body with 415, on public and protected routes alike', async (contentType, payload) => {
    for (const url of ['/test/notes', '/api/v1/auth/dev-token']) {
      const response = await post(url, payload, contentType);
      expect(response.statusCode).toBe(415);
      expect(response.json()).toMatchObject({ status: 415, title: 'Unsupported Media Type' });
    }
  });

  it('accepts application/json with a UTF-8 charset', async () => {
    const response = await post('/test/notes', '{"text":"意见"}', 'application/json; charset=UTF-8');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ text: '意见' });
  });

  it('takes an empty body, with or without a JSON content type, as no body', async () => {
    for (const contentType of [undefined, 'application/json']) {
      const response = await post('/test/actions', undefined, contentType);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ note: null });
    }
  });

  it.each([
    ['{"text":"x","__proto__":{"admin":true}}', '__proto__'],
    ['{"text":"x","extra":{"a":{"constructor":{"prototype":{"admin":true}}}}}', 'extra.a.constructor'],
    ['{"text":"x","extra":{"list":[{"prototype":1}]}}', 'extra.list.0.prototype'],
    ['{"text":"x","extra":{"constructor":"x"}}', 'extra.constructor'],
  ])('refuses a key that reaches a prototype, naming it: %s', async (payload, field) => {
    const response = await post('/test/notes', payload, 'application/json');
    expect(response.statusCode).toBe(400);
    expect(fields(response.json())).toEqual([field]);
  });

  it.each([
    ['{"text":"x","toString":1}', 'toString'],
    ['{"text":"x","extra":{"hasOwnProperty":true}}', 'extra.hasOwnProperty'],
    ['{"text":"x","valueOf":"x"}', 'valueOf'],
  ])('refuses a key naming a member of every object, naming it: %s', async (payload, field) => {
    const response = await post('/test/notes', payload, 'application/json');
    expect(response.statusCode).toBe(400);
    expect(fields(response.json())).toEqual([field]);
  });

  it.each(['true', 'null', '7', '"text"', '[]', '[{"note":"x"}]'])(
    'refuses a body that is not a JSON object (%s), naming the body, where every field is optional too',
    async (payload) => {
      for (const url of ['/test/actions', '/test/notes']) {
        const response = await post(url, payload, 'application/json');
        expect({ url, status: response.statusCode, fields: fields(response.json()) }).toEqual({
          url,
          status: 400,
          fields: ['body'],
        });
      }
    },
  );

  it('takes such words as values', async () => {
    const response = await post('/test/notes', '{"text":"__proto__ constructor"}', 'application/json');
    expect(response.statusCode).toBe(201);
  });

  it.each(['\u0000', ' \u0000\t', '\u200b\u200e', '\u0085\u009f', '\n\r', '\uD800'])(
    'refuses a text made only of control or invisible characters or lone surrogates (%j)',
    async (text) => {
      const response = await post('/test/notes', JSON.stringify({ text }), 'application/json');
      expect(response.statusCode).toBe(400);
      expect(fields(response.json())).toEqual(['text']);
    },
  );
});
