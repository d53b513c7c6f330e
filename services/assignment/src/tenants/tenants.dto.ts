import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, IsString, ValidateNested } from 'class-validator';
import { DIRECTORY_LANGUAGES, type DirectoryLanguage } from '@kesu/assignment-contracts';
import { IsText } from '@kesu/platform';
import { LocalizedNameDto } from '../directory/directory.dto';

/** The tenant's first administrator: the person who then manages its directory. */
export class TenantAdminDto {
  /** The user id their tokens carry (`sub`). */
  @IsString()
  personId!: string;

  @IsString()
  username!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name!: LocalizedNameDto;
}

/** Body of `POST /api/v1/tenants`. */
export class CreateTenantDto {
  /** Lower-case letters, digits and `-` (2–63), not `platform`. */
  @IsString()
  tenantId!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name!: LocalizedNameDto;

  /** The IANA time zone of the tenant's dates, e.g. `Asia/Shanghai`. */
  @IsString()
  timeZone!: string;

  @IsIn(DIRECTORY_LANGUAGES)
  defaultLanguage!: DirectoryLanguage;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TenantAdminDto)
  admin!: TenantAdminDto;

  @IsText(1, 500)
  reason!: string;
}
