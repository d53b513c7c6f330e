import { Controller, Get, Inject, Query } from '@nestjs/common';
import { type DocumentStore, encodeCursor } from '@kesu/ports';
import { startTestApp, type TestApp } from './test-support';
import { DOCUMENT_STORE } from './tokens';
import { PageQuery } from './validation';

@Controller('test')
class QueryController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** A list on the document store, as the services' lists are. */
  @Get('items')
  async items(@Query() query: PageQuery): Promise<{ count: number; nextCursor: string | null }> {
    const page = await this.documents
      .collection<{ _id: string }>('test_items')
      .find({}, { limit: query.limit ?? 10, ...(query.cursor !== undefined && { cursor: query.cursor }) });
    return { count: page.items.length, nextCursor: page.nextCursor };
  }

  @Get('plain')
  plain(): { ok: true } {
    return { ok: true };
  }

  @Get('named')
  named(@Query('q') q?: string): { q: string | null } {
    return { q: q ?? null };
  }
}

const b64 = (text: string) => Buffer.from(text).toString('base64url');

describe('query parameters at the edge', () => {
  let t: TestApp;
  let authorization: string;

  beforeAll(async () => {
    t = await startTestApp({ controllers: [QueryController], relay: false });
    authorization = `Bearer ${await t.tokenFor('admin')}`;
  });
  afterAll(() => t.close());

  const get = (url: string) => t.inject({ method: 'GET', url, headers: { authorization } });
  const fields = (body: { errors?: Array<{ field: string }> }) => body.errors?.map((e) => e.field);

  it.each([
    ['not base64', 'x'],
    ['punctuation', '!!!'],
    ['an object', b64('{"a":1}')],
    ['a pair of numbers', b64('[1,2]')],
    ['null', b64('null')],
    ['a number id', b64('[null,1]')],
    ['an array value', b64('[[],"a"]')],
    ['an object value', b64('[{"a":1},"b"]')],
    ['a NUL', '%00'],
  ])('answers a malformed cursor (%s) with a 400 naming cursor', async (_case, cursor) => {
    const response = await get(`/test/items?cursor=${cursor}`);
    expect(response.statusCode).toBe(400);
    expect(fields(response.json())).toEqual(['cursor']);
  });

  it('pages with a cursor the list gave', async () => {
    const response = await get(`/test/items?cursor=${encodeCursor('a', 'b')}`);
    expect(response.statusCode).toBe(200);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=1&limit=2', 'limit'],
    ['cursor=a&cursor=b', 'cursor'],
    ['sort=name', 'sort'],
  ])('names a bad or unknown parameter of a list (%s)', async (query, field) => {
    const response = await get(`/test/items?${query}`);
    expect(response.statusCode).toBe(400);
    expect(fields(response.json())).toEqual([field]);
  });

  it('names every parameter of a route that takes none', async () => {
    const response = await get('/test/plain?foo=1&bar=2');
    expect(response.statusCode).toBe(400);
    expect(fields(response.json())).toEqual(['foo', 'bar']);
    expect((await get('/test/plain')).statusCode).toBe(200);
  });

  it('takes the parameters a route names, and names the others', async () => {
    expect((await get('/test/named?q=x')).json()).toEqual({ q: 'x' });
    const response = await get('/test/named?q=x&debug=1');
    expect(response.statusCode).toBe(400);
    expect(fields(response.json())).toEqual(['debug']);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype'])(
    'names a parameter called %s on every route, a list’s included',
    async (name) => {
      for (const url of ['/test/items?limit=5&', '/test/named?', '/test/plain?']) {
        const response = await get(`${url}${name}=1`);
        expect({ url, status: response.statusCode, fields: fields(response.json()) }).toEqual({
          url,
          status: 400,
          fields: [name],
        });
      }
    },
  );
});
