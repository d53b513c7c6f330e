import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { AuditExportVerifier, type ExportVerification } from '@kesu/analytics-domain';

/**
 * Verifies an audit export file offline, reading it line by line (no server, no database): the
 * verdict of `AuditExportVerifier`, which names the first line that does not verify.
 */
export async function verifyExportFile(path: string): Promise<ExportVerification> {
  const verifier = new AuditExportVerifier();
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (verifier.line(line)) break;
  }
  lines.close();
  return verifier.end();
}
