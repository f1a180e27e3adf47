package dev.switchback.memory.migration;

import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.migration.Stage;
import dev.switchback.testkit.contract.SessionsContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/** The Sessions contract through the migration router, in every stage, over two memory session stores. */
class SessionsRouterContractTest {

  abstract static class InStage extends SessionsContract {
    private final Stage stage;
    private MigrationFixture fixture;

    InStage(Stage stage) {
      this.stage = stage;
    }

    @Override
    protected SessionStore createSessions() {
      fixture = MigrationFixture.sessions(stage);
      return fixture.sessions;
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
