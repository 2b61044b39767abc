import { Module } from '@nestjs/common';
import { DatabaseHealthContributor } from '../database/database.health';
import { DatabaseModule } from '../database/database.module';
import { EventStoreHealthContributor } from '../event-store/event-store.health';
import { EventStoreModule } from '../event-store/event-store.module';
import { assertDistinctNames } from './health-check';
import { ProjectionLagHealthContributor } from '../../projections/lag/projection-lag.health';
import { ProjectionsModule } from '../../projections/projections.module';
import { HEALTH_CONTRIBUTORS, type HealthContributor } from './health-contributor';
import { HealthController } from './health.controller';

/** The parts `/health` reports on, in response order. A new part: import its module, add its contributor here. */
const CONTRIBUTORS = [EventStoreHealthContributor, DatabaseHealthContributor, ProjectionLagHealthContributor];

@Module({
  imports: [EventStoreModule, DatabaseModule, ProjectionsModule],
  controllers: [HealthController],
  providers: [
    {
      provide: HEALTH_CONTRIBUTORS,
      useFactory: (...contributors: HealthContributor[]) => {
        assertDistinctNames(contributors);
        return contributors;
      },
      inject: CONTRIBUTORS,
    },
  ],
})
export class HealthModule {}
