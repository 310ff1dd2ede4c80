import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConflictMatcher } from './conflict-matcher.service';
import { ConflictPartiesController } from './conflict-parties.controller';
import { ConflictPartiesService } from './conflict-parties.service';
import { ConflictPartyKey } from './conflict-party-key.entity';
import { ConflictParty } from './conflict-party.entity';
import { LeadNameKey } from './lead-name-key.entity';

/** The conflict register and the name matching leads are checked with. Imports no feature. */
@Module({
  imports: [TypeOrmModule.forFeature([ConflictParty, ConflictPartyKey, LeadNameKey])],
  controllers: [ConflictPartiesController],
  providers: [ConflictPartiesService, ConflictMatcher],
  exports: [ConflictMatcher],
})
export class ConflictsModule {}
