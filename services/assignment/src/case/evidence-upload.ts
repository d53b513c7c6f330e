import { createParamDecorator, type ExecutionContext, UnsupportedMediaTypeException } from '@nestjs/common';
import { EVIDENCE_MEDIA_TYPES, type EvidenceMediaType, sniffEvidenceType } from '@kesu/assignment-domain';
import { InvalidInputError } from '@kesu/kernel';
import { mediaTypeOf } from '@kesu/platform';

/** How large an evidence file may be (10 MiB). */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** The media types an evidence file may be sent as: its own, or `application/octet-stream`. */
export const EVIDENCE_UPLOAD_TYPES = [...EVIDENCE_MEDIA_TYPES, 'application/octet-stream'];

/** An evidence file as the edge took it: its bytes and the type its content shows. */
export interface EvidenceContent {
  readonly content: Buffer;
  readonly mediaType: EvidenceMediaType;
}

/**
 * The raw body of an evidence upload, its type sniffed from the content: 400 for an empty body, 415
 * when the content is none of the evidence types or is not the type it was sent as.
 */
export const UploadedEvidence = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<{ body?: unknown; headers: Record<string, string> }>();
  const declared = mediaTypeOf(request.headers['content-type']);
  const { body } = request;
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new InvalidInputError([{ field: 'body', message: 'the body must be the file, and not empty' }]);
  const mediaType = sniffEvidenceType(body);
  if (!mediaType)
    throw new UnsupportedMediaTypeException(
      'The file is not a photo, scanned document, recording or video of a type evidence may have.',
    );
  if (declared !== 'application/octet-stream' && declared !== mediaType)
    throw new UnsupportedMediaTypeException(`The file's content is ${mediaType}, not ${declared}.`);
  return { content: body, mediaType } satisfies EvidenceContent;
});
