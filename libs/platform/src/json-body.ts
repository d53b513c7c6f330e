import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import { InvalidInputError } from '@kesu/kernel';
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { PlatformRouteConfig } from './route-config';
import { RESERVED_NAMES } from './reserved-names';

/** How deep objects and arrays may nest in a request body. */
export const MAX_JSON_DEPTH = 32;

const OPEN_BRACKET = new Set([0x5b, 0x7b]);
const CLOSE_BRACKET = new Set([0x5d, 0x7d]);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The one body parser of every route: JSON only (`application/json`, UTF-8), any other media type
 * 415 before the body is read. Fastify enforces the route's body limit while reading; the text is then
 * checked for depth before it is parsed, and the value for being an object and for keys that reach a
 * prototype, so neither a deeply nested body, a bare value nor `__proto__` gets past the edge. An
 * empty body is no body.
 */
export function installJsonBodyParser(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, text, done) => {
    try {
      requireUtf8(request);
      done(null, parseJsonBody(text as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  fastify.addContentTypeParser('*', (request, payload, done) => {
    const accepted = (request.routeOptions.config as PlatformRouteConfig | undefined)?.rawBodyTypes;
    const type = mediaTypeOf(request.headers['content-type']);
    if (!accepted || type === undefined || !accepted.includes(type)) {
      done(unsupported(request.headers['content-type']), undefined);
      return;
    }
    readRawBody(payload, request.routeOptions.bodyLimit ?? Infinity, request.headers['content-length']).then(
      (body) => done(null, body),
      (error: Error) => done(error, undefined),
    );
  });
}

/** The media type of a Content-Type header, without its parameters, in lower case. */
export function mediaTypeOf(header: string | undefined): string | undefined {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

/** Reads a raw body whole, refusing it (413) as soon as it announces or reaches more than `limit` bytes. */
async function readRawBody(payload: Readable, limit: number, length: string | undefined): Promise<Buffer> {
  const tooLarge = () => new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
  if (length !== undefined && Number(length) > limit) {
    payload.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      payload.resume();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Parses a JSON body: undefined when empty, a 400 naming `body` when it nests deeper than
 * `maxDepth` or is not a JSON object (every route takes an object: a bare `true` or `"text"` would
 * otherwise pass a DTO whose fields are all optional, and be acted on as an empty body), a 400 when
 * it is not JSON, a 400 naming the field when a key is a reserved name (`__proto__`, `constructor`,
 * `toString`, …: `RESERVED_NAMES`).
 */
export function parseJsonBody(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (text.trim() === '') return undefined;
  if (nestingDepth(text) > maxDepth) {
    throw new InvalidInputError([
      { field: 'body', message: `body must not nest objects and arrays deeper than ${maxDepth} levels` },
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequestException("Body is not valid JSON but content-type is set to 'application/json'");
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidInputError([{ field: 'body', message: 'body must be a JSON object' }]);
  }
  const forbidden = forbiddenKeyPath(value, '');
  if (forbidden !== null) {
    throw new InvalidInputError([
      { field: forbidden.path, message: `"${forbidden.key}" is not accepted as a field name` },
    ]);
  }
  return value;
}

/** The deepest nesting of brackets outside strings, counted without recursion. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (OPEN_BRACKET.has(c)) deepest = Math.max(deepest, ++depth);
    else if (CLOSE_BRACKET.has(c)) depth--;
  }
  return deepest;
}

/** The dot path of the first forbidden key (the depth is already bounded), or null. */
function forbiddenKeyPath(value: unknown, at: string): { path: string; key: string } | null {
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const path = at === '' ? key : `${at}.${key}`;
    if (!Array.isArray(value) && RESERVED_NAMES.has(key)) return { path, key };
    const found = forbiddenKeyPath(child, path);
    if (found) return found;
  }
  return null;
}

function requireUtf8(request: FastifyRequest): void {
  const type = request.headers['content-type'] ?? '';
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw unsupported(type);
}

function unsupported(type: string | undefined): UnsupportedMediaTypeException {
  const given = type === undefined || type.trim() === '' ? 'a body without Content-Type' : `"${type}"`;
  return new UnsupportedMediaTypeException(
    `Request bodies must be application/json (UTF-8); got ${given.slice(0, 100)}.`,
  );
}
