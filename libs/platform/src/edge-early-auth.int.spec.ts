import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsString } from 'class-validator';
import type { AddressInfo } from 'node:net';
import { Roles } from './auth.decorators';
import { rawRequest, requestHead } from '@kesu/testing';
import { BodyLimit } from './route-config';
import { startTestApp, type TestApp } from './test-support';

class ImportDto {
  @IsArray()
  @ArrayMaxSize(5000)
  @IsString({ each: true })
  texts!: string[];
}

@Controller('test')
class ImportController {
  @Post('imports')
  @HttpCode(202)
  @Roles('admin')
  @BodyLimit(20 * 1024 * 1024)
  import(@Body() body: ImportDto): { count: number } {
    return { count: body.texts.length };
  }
}

const NINETEEN_MB = String(19 * 1024 * 1024);

describe('the edge reads no body before it knows who sends it', () => {
  let t: TestApp;
  let port: number;
  const head = (headers: Record<string, string>) => requestHead('POST', '/test/imports', headers);

  beforeAll(async () => {
    t = await startTestApp({
      controllers: [ImportController],
      relay: false,
      config: { requestTimeoutMs: 1000 },
    });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  const json = { 'content-type': 'application/json' };

  it('answers a large body without a token 401 before the body is sent', async () => {
    const answer = await rawRequest(port, head({ ...json, 'content-length': NINETEEN_MB }));
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 401, instance: '/test/imports' });
  });

  it('answers a large body with a forged token 401 before the body is sent', async () => {
    const answer = await rawRequest(
      port,
      head({ ...json, 'content-length': NINETEEN_MB, authorization: 'Bearer a.b.c' }),
    );
    expect(answer.status).toBe(401);
  });

  it('answers a large body from a role that may not import 403 before the body is sent', async () => {
    const authorization = `Bearer ${await t.tokenFor('agent1')}`;
    const answer = await rawRequest(port, head({ ...json, 'content-length': NINETEEN_MB, authorization }));
    expect(answer.status).toBe(403);
  });

  it('waits for the body of a role that may import, up to the route’s limit (413 beyond it)', async () => {
    const authorization = `Bearer ${await t.tokenFor('admin')}`;
    const waiting = await rawRequest(
      port,
      head({ ...json, 'content-length': NINETEEN_MB, authorization }),
      '',
      300,
    );
    expect(waiting.status).toBeNull();
    const tooLarge = await rawRequest(
      port,
      head({ ...json, 'content-length': String(21 * 1024 * 1024), authorization }),
    );
    expect(tooLarge.status).toBe(413);
  });

  it('closes a connection whose body stalls, after REQUEST_TIMEOUT_MS (408)', async () => {
    const authorization = `Bearer ${await t.tokenFor('admin')}`;
    const answer = await rawRequest(
      port,
      head({ ...json, 'content-length': '100', authorization }),
      '{"texts": ["a',
      5000,
    );
    expect(answer.status).toBe(408);
    expect(answer.elapsedMs).toBeLessThan(3000);
  });
});
