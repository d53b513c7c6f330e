import { sniffEvidenceType } from './evidence-media';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('sniffEvidenceType: the media type from the content', () => {
  it.each([
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF')],
    ['image/png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0])],
    ['image/gif', bytes('GIF89a', [1, 0])],
    ['image/webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')],
    ['audio/wav', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')],
    ['application/pdf', bytes('%PDF-1.7\n')],
    ['audio/mpeg', bytes('ID3', [4, 0])],
    ['image/heic', bytes([0, 0, 0, 24], 'ftypheic')],
    ['audio/mp4', bytes([0, 0, 0, 24], 'ftypM4A ')],
    ['video/mp4', bytes([0, 0, 0, 24], 'ftypisom')],
  ])('recognises %s', (type, content) => {
    expect(sniffEvidenceType(content)).toBe(type);
  });

  it.each([
    ['text', bytes('hello, this is a plain text file')],
    ['an executable', bytes([0x4d, 0x5a, 0x90, 0])],
    ['HTML named .jpg', bytes('<html><script>alert(1)</script>')],
    ['nothing', bytes()],
  ])('refuses %s', (_what, content) => {
    expect(sniffEvidenceType(content)).toBeUndefined();
  });
});
