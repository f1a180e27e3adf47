package dev.switchback.testkit.migration;

import dev.switchback.Capability;
import dev.switchback.Switchback;
import dev.switchback.messaging.Messaging;
import dev.switchback.migration.Stage;
import dev.switchback.testkit.contract.MessagingContract;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/**
 * The {@link MessagingContract} run through a migration between two real backends, once in every
 * stage. A pair of adapters runs it by extending this class and implementing {@link
 * #migrationConfig()}; each stage is a nested suite with a {@code Switchback} of its own, built by
 * {@code Switchback.fromConfig}.
 *
 * <p>The router offers no optional feature (order per key cannot hold across two backends), so
 * the contract's feature tests prove the features absent. Topics and groups are random per test,
 * as in {@link MessagingContract}, so both brokers may be shared with other tests.
 */
public abstract class MessagingStagesContract {

  /** For subclasses. */
  protected MessagingStagesContract() {}

  /**
   * The configuration of the pair: {@code switchback.messaging.backend}, {@code
   * switchback.messaging.migration.target} and both backends' settings, and any {@code
   * switchback.messaging.migration.dedup.*} the pair should run with (with {@code
   * dedup.store=cache}, the {@code switchback.cache.*} it uses). The stage, the guard (off), the
   * off-path budgets and a shadow grace of 2 seconds are set by the suite; a key given here wins.
   */
  protected abstract Map<String, String> migrationConfig();

  /** The contract in one stage; its backend is the router of a {@code Switchback} of its own. */
  abstract class InStage extends MessagingContract {
    private final Stage stage;
    private final List<Switchback> started = new CopyOnWriteArrayList<>();

    InStage(Stage stage) {
      this.stage = stage;
    }

    @Override
    protected Messaging createMessaging() {
      Map<String, String> config = new HashMap<>();
      config.put(Capability.MESSAGING.prefix() + ".migration.shadow-grace", "2s");
      config.putAll(migrationConfig());
      Switchback switchback = StagedSwitchback.start(Capability.MESSAGING, config, stage);
      started.add(switchback);
      return switchback.messaging();
    }

    @AfterAll
    void closeSwitchbacks() {
      started.forEach(Switchback::close);
    }
  }

  /** The MessagingContract through the migration in {@link Stage#OFF}. */
  @Nested
  public class Off extends InStage {
    /** For JUnit. */
    public Off() {
      super(Stage.OFF);
    }
  }

  /** The MessagingContract through the migration in {@link Stage#DUALWRITE}. */
  @Nested
  public class DualWrite extends InStage {
    /** For JUnit. */
    public DualWrite() {
      super(Stage.DUALWRITE);
    }
  }

  /** The MessagingContract through the migration in {@link Stage#SHADOW}. */
  @Nested
  public class Shadow extends InStage {
    /** For JUnit. */
    public Shadow() {
      super(Stage.SHADOW);
    }
  }

  /** The MessagingContract through the migration in {@link Stage#LIVE}. */
  @Nested
  public class Live extends InStage {
    /** For JUnit. */
    public Live() {
      super(Stage.LIVE);
    }
  }

  /** The MessagingContract through the migration in {@link Stage#RAMPDOWN}. */
  @Nested
  public class RampDown extends InStage {
    /** For JUnit. */
    public RampDown() {
      super(Stage.RAMPDOWN);
    }
  }

  /** The MessagingContract through the migration in {@link Stage#COMPLETE}. */
  @Nested
  public class Complete extends InStage {
    /** For JUnit. */
    public Complete() {
      super(Stage.COMPLETE);
    }
  }
}
