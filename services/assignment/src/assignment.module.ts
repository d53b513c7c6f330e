import { Module } from '@nestjs/common';

/** Assignment: dispatches complaints to a responsible department and a named person. */
@Module({})
export class AssignmentModule {}
