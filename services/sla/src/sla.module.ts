import { Module } from '@nestjs/common';

/** SLA: watches every complaint's time limits. */
@Module({})
export class SlaModule {}
