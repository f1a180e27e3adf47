package dev.switchback.memory.migration;

import dev.switchback.Capability;
import dev.switchback.memory.messaging.MemoryMessaging;
import dev.switchback.messaging.Messaging;
import dev.switchback.migration.Stage;
import dev.switchback.migration.internal.MessagingRouter;
import dev.switchback.testkit.contract.MessagingContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/** The Messaging contract through the migration router, in every stage, over two memory brokers. */
class MessagingRouterContractTest {

  abstract static class InStage extends MessagingContract {
    private final Stage stage;
    private StagePairs pair;
    private MemoryMessaging oldMessaging;
    private MemoryMessaging newMessaging;

    InStage(Stage stage) {
      this.stage = stage;
    }

    @Override
    protected Messaging createMessaging() {
      pair = new StagePairs(Capability.MESSAGING, stage);
      oldMessaging = MemoryMessaging.create();
      newMessaging = MemoryMessaging.create();
      return new MessagingRouter(pair.controller, oldMessaging, newMessaging, pair.scheduler);
    }

    @AfterAll
    void closeBackends() {
      oldMessaging.close();
      newMessaging.close();
      pair.close();
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
