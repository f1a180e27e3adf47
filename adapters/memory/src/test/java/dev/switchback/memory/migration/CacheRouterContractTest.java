package dev.switchback.memory.migration;

import dev.switchback.cache.Cache;
import dev.switchback.migration.Stage;
import dev.switchback.testkit.contract.CacheContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/** The Cache contract through the migration router, in every stage, over two memory caches. */
class CacheRouterContractTest {

  abstract static class InStage extends CacheContract {
    private final Stage stage;
    private MigrationFixture fixture;

    InStage(Stage stage) {
      this.stage = stage;
    }

    @Override
    protected Cache createCache() {
      fixture = MigrationFixture.cache(stage);
      return fixture.cache;
    }

    @AfterAll
    void closeFixture() {
      fixture.close();
    }
  }

  @Nested
  class Off extends InStage {
    Off() {
      super(Stage.OFF);
    }
  }

  @Nested
  class DualWrite extends InStage {
    DualWrite() {
      super(Stage.DUALWRITE);
    }
  }

  @Nested
  class Shadow extends InStage {
    Shadow() {
      super(Stage.SHADOW);
    }
  }

  @Nested
  class Live extends InStage {
    Live() {
      super(Stage.LIVE);
    }
  }

  @Nested
  class RampDown extends InStage {
    RampDown() {
      super(Stage.RAMPDOWN);
    }
  }

  @Nested
  class Complete extends InStage {
    Complete() {
      super(Stage.COMPLETE);
    }
  }
}
