package dev.switchback.memory.migration;

import dev.switchback.Capability;
import dev.switchback.memory.tracing.MemorySpanExporter;
import dev.switchback.memory.tracing.MemoryTracingBackend;
import dev.switchback.migration.Stage;
import dev.switchback.migration.internal.TracingRouter;
import dev.switchback.testkit.contract.ReceivedSpan;
import dev.switchback.testkit.contract.TracingContract;
import dev.switchback.tracing.Tracing;
import dev.switchback.tracing.sdk.SdkTracing;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/**
 * The Tracing contract through the migration router, in every stage. The receiver is the new
 * backend from dualwrite on and the old one in off; {@code MigrationRoutingTest} checks that
 * both receive spans in the stages that export to both.
 */
class TracingRouterContractTest {

  abstract static class InStage extends TracingContract {
    private final Stage stage;
    private final List<StagePairs> pairs = new CopyOnWriteArrayList<>();
    private final List<MemorySpanExporter> receivers = new CopyOnWriteArrayList<>();

    InStage(Stage stage) {
      this.stage = stage;
    }

    @Override
    protected Tracing createTracing() {
      StagePairs pair = new StagePairs(Capability.TRACING, stage);
      pairs.add(pair);
      MemorySpanExporter oldExporter = new MemorySpanExporter();
      MemorySpanExporter newExporter = new MemorySpanExporter();
      receivers.add(stage.writesNew() ? newExporter : oldExporter);
      return SdkTracing.create(
          TracingRouter.route(pair.controller, MemoryTracingBackend.create(oldExporter),
              MemoryTracingBackend.create(newExporter)),
          "router-contract");
    }

    @Override
    protected List<ReceivedSpan> receivedSpans() {
      return receivers.stream().flatMap(e -> e.finishedSpans().stream()).map(ReceivedSpan::of).toList();
    }

    @Override
    protected void clearReceived() {
      receivers.forEach(MemorySpanExporter::reset);
    }

    @AfterAll
    void closePairs() {
      pairs.forEach(StagePairs::close);
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
