import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { CurrentPrincipal, IsInstant, type Principal } from '@kesu/platform';
import { IsOptional } from 'class-validator';
import { ComplaintListQuery } from './complaint-list.query';
import { ComplaintListing } from './complaint-list.service';
import { ComplaintReader } from './complaint-reader.service';
import type { ComplaintPage, ComplaintResponse } from './complaint-view.response';

export class ComplaintViewQuery {
  /** An instant: the view as it stood then. */
  @IsOptional()
  @IsInstant()
  asOf?: string;
}

@Controller('api/v1/complaints')
export class ComplaintViewController {
  constructor(
    private readonly reader: ComplaintReader,
    private readonly listing: ComplaintListing,
  ) {}

  @Get()
  list(@Query() query: ComplaintListQuery, @CurrentPrincipal() principal: Principal): Promise<ComplaintPage> {
    return this.listing.list(principal, query);
  }

  @Get(':id')
  view(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: ComplaintViewQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ComplaintResponse> {
    return this.reader.view(principal, id, query.asOf);
  }
}
