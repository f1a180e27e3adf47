package dev.switchback.testkit.migration;

import dev.switchback.Capability;
import dev.switchback.Switchback;
import dev.switchback.migration.Stage;
import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.testkit.contract.SessionsContract;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/**
 * The {@link SessionsContract} run through a migration between two real backends, once in every
 * stage. A pair of adapters runs it by extending this class and implementing {@link
 * #migrationConfig()}; each stage is a nested suite with a {@code Switchback} of its own.
 *
 * <p>The router of a migration is a {@link SessionStore}, so the whole contract, replication
 * included, applies.
 */
public abstract class SessionsStagesContract {

  /** For subclasses. */
  protected SessionsStagesContract() {}

  /**
   * The configuration of the pair: {@code switchback.sessions.backend}, {@code
   * switchback.sessions.migration.target} and both backends' settings. The stage, the guard (off)
   * and the off-path budgets are set by the suite.
   */
  protected abstract Map<String, String> migrationConfig();

  /** A TTL short enough to wait for; as {@link SessionsContract}'s default, 1 second. */
  protected Duration shortTtl() {
    return Duration.ofSeconds(1);
  }

  /**
   * How far an instant may be from the local clock's idea of it: 1 second, as {@link
   * SessionsContract}.
   */
  protected Duration timeTolerance() {
    return Duration.ofSeconds(1);
  }

  /** Rounds of the two-writer race: 50, as {@link SessionsContract}. */
  protected int concurrentUpdateRounds() {
    return 50;
  }

  /** The contract in one stage; its store is the router of a {@code Switchback} of its own. */
  abstract class InStage extends SessionsContract {
    private final Stage stage;
    private @Nullable Switchback switchback;

    InStage(Stage stage) {
      this.stage = stage;
    }

    @Override
    protected Duration shortTtl() {
      return SessionsStagesContract.this.shortTtl();
    }

    @Override
    protected Duration timeTolerance() {
      return SessionsStagesContract.this.timeTolerance();
    }

    @Override
    protected int concurrentUpdateRounds() {
      return SessionsStagesContract.this.concurrentUpdateRounds();
    }

    @Override
    protected SessionStore createSessions() {
      Switchback started = StagedSwitchback.start(Capability.SESSIONS, migrationConfig(), stage);
      switchback = started;
      return (SessionStore) started.sessions();
    }

    @AfterAll
    void closeSwitchback() {
      if (switchback != null) {
        switchback.close();
      }
    }
  }

  /** The SessionsContract through the migration in {@link Stage#OFF}. */
  @Nested
  public class Off extends InStage {
    /** For JUnit. */
    public Off() {
      super(Stage.OFF);
    }
  }

  /** The SessionsContract through the migration in {@link Stage#DUALWRITE}. */
  @Nested
  public class DualWrite extends InStage {
    /** For JUnit. */
    public DualWrite() {
      super(Stage.DUALWRITE);
    }
  }

  /** The SessionsContract through the migration in {@link Stage#SHADOW}. */
  @Nested
  public class Shadow extends InStage {
    /** For JUnit. */
    public Shadow() {
      super(Stage.SHADOW);
    }
  }

  /** The SessionsContract through the migration in {@link Stage#LIVE}. */
  @Nested
  public class Live extends InStage {
    /** For JUnit. */
    public Live() {
      super(Stage.LIVE);
    }
  }

  /** The SessionsContract through the migration in {@link Stage#RAMPDOWN}. */
  @Nested
  public class RampDown extends InStage {
    /** For JUnit. */
    public RampDown() {
      super(Stage.RAMPDOWN);
    }
  }

  /** The SessionsContract through the migration in {@link Stage#COMPLETE}. */
  @Nested
  public class Complete extends InStage {
    /** For JUnit. */
    public Complete() {
      super(Stage.COMPLETE);
    }
  }
}
