import { IsBoolean, IsObject, IsOptional, IsString } from 'class-validator';
import { ReasonDto } from '../directory.dto';

/**
 * Body of `POST /api/v1/directory/imports`: an HR system's export, as CSV text (`csv`) or as JSON
 * (`json`: `{ units, departments, people }`) — one of them —, why it is imported, and whether only
 * to check it (`dryRun`).
 */
export class ImportDirectoryDto extends ReasonDto {
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @IsOptional()
  @IsString()
  csv?: string;

  @IsOptional()
  @IsObject()
  json?: Record<string, unknown>;
}
