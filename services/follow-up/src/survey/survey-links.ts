import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from '../config/follow-up-config';

/** What a survey link names: the complaint and the link's id (both UUIDs). */
export interface SurveyClaims {
  readonly complaintId: string;
  readonly tokenId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SIGNATURE_BYTES = 16;

const bytesOf = (uuid: string): Buffer => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const uuidOf = (bytes: Buffer): string =>
  bytes.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

/**
 * Signs and checks self-service survey links, short enough for a URL path segment and an SMS:
 * `base64url(complaint id ‖ link id ‖ HMAC-SHA256 of both, first 16 bytes)` under the configured key,
 * compared in constant time. When the link expires and whether it was used is the follow-up
 * stream's to say (single use).
 */
@Injectable()
export class SurveyLinks {
  constructor(@Inject(FOLLOW_UP_CONFIG) private readonly config: FollowUpConfig) {}

  token(claims: SurveyClaims): string {
    if (!UUID.test(claims.complaintId) || !UUID.test(claims.tokenId))
      throw new Error('survey link ids are UUIDs');
    const ids = Buffer.concat([bytesOf(claims.complaintId), bytesOf(claims.tokenId)]);
    return Buffer.concat([ids, this.signature(ids)]).toString('base64url');
  }

  url(claims: SurveyClaims): string {
    return `${this.config.surveyBaseUrl}/${this.token(claims)}`;
  }

  /** The claims of a well-signed token, or undefined for anything else. */
  verify(token: string): SurveyClaims | undefined {
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== 32 + SIGNATURE_BYTES) return undefined;
    const ids = bytes.subarray(0, 32);
    if (!timingSafeEqual(bytes.subarray(32), this.signature(ids))) return undefined;
    return { complaintId: uuidOf(ids.subarray(0, 16)), tokenId: uuidOf(ids.subarray(16)) };
  }

  private signature(ids: Buffer): Buffer {
    return createHmac('sha256', this.config.surveyKey)
      .update('kesu-survey')
      .update(ids)
      .digest()
      .subarray(0, SIGNATURE_BYTES);
  }
}
