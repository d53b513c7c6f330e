import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ORG_UNIT_KINDS, type OrgUnitKind } from '@kesu/assignment-contracts';
import { IsText } from '@kesu/platform';

/*
 * The shapes of the directory's request bodies. Ids, roles, skills, languages and bounds are the
 * directory decider's to check, so a single change and an import answer alike.
 */

export class LocalizedNameDto {
  @IsText(1, 100)
  zh!: string;

  @IsText(1, 100)
  en!: string;
}

/** Why the directory changes: kept with every event of the change. */
export class ReasonDto {
  @IsText(1, 500)
  reason!: string;
}

/** Body of `PUT /api/v1/directory/units/{unitId}`: the unit as it should stand, and why. */
export class PutOrgUnitDto extends ReasonDto {
  @IsIn(ORG_UNIT_KINDS)
  kind!: OrgUnitKind;

  /** The unit above (none: the headquarters). */
  @ValidateIf((dto: PutOrgUnitDto) => dto.parentId !== null && dto.parentId !== undefined)
  @IsString()
  parentId?: string | null;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name!: LocalizedNameDto;
}

/** Body of `PUT /api/v1/directory/departments/{departmentId}`. */
export class PutDepartmentDto extends ReasonDto {
  @IsString()
  unitId!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name!: LocalizedNameDto;

  /** What the department does, a code of the tenant's (`customer_service`, `technical`, …): routing rules name departments by it. */
  @IsOptional()
  @IsString()
  kind?: string;

  /** The person accountable for the department's queue (none: no head yet). */
  @ValidateIf((dto: PutDepartmentDto) => dto.headId !== null && dto.headId !== undefined)
  @IsString()
  headId?: string | null;
}

/** Body of `PUT /api/v1/directory/people/{personId}`: what it leaves out stays as it is (or a new person's default). */
export class PutPersonDto extends ReasonDto {
  @IsString()
  username!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name!: LocalizedNameDto;

  @IsArray()
  @IsString({ each: true })
  roles!: string[];

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  unitIds?: string[];

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  departmentIds?: string[];

  /** Classification category codes the person handles. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  skills?: string[];

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  languages?: string[];

  @IsOptional()
  @IsInt()
  capacity?: number;

  @IsOptional()
  @IsBoolean()
  onDuty?: boolean;
}

/** Body of `PUT /api/v1/directory/people/{personId}/duty`. */
export class PutDutyDto extends ReasonDto {
  @IsBoolean()
  onDuty!: boolean;
}
