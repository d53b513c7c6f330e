import { Module } from '@nestjs/common';

/** Classification: assigns category, severity, scope and nature to each complaint. */
@Module({})
export class ClassificationModule {}
