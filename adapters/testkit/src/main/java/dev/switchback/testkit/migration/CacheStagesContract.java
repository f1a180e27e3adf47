package dev.switchback.testkit.migration;

import dev.switchback.Capability;
import dev.switchback.Switchback;
import dev.switchback.cache.Cache;
import dev.switchback.migration.Stage;
import dev.switchback.testkit.contract.CacheContract;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/**
 * The {@link CacheContract} run through a migration between two real backends, once in every
 * stage. A pair of adapters runs it by extending this class and implementing {@link
 * #migrationConfig()}; each stage is a nested suite with a {@code Switchback} of its own.
 *
 * <p>Keys are random per test, as in {@link CacheContract}, so both servers may be shared with
 * other tests.
 */
public abstract class CacheStagesContract {

  /** For subclasses. */
  protected CacheStagesContract() {}

  /**
   * The configuration of the pair: {@code switchback.cache.backend}, {@code
   * switchback.cache.migration.target} and both backends' settings. The stage, the guard (off)
   * and the off-path budgets are set by the suite.
   */
  protected abstract Map<String, String> migrationConfig();

  /**
   * A TTL short enough to wait for; as {@link CacheContract}'s default, 1 second. Override for
   * backends with coarser expiry.
   */
  protected Duration shortTtl() {
    return Duration.ofSeconds(1);
  }

  /**
   * How far a reported expiry may be from the asked one: 1 second, as {@link CacheContract}.
   */
  protected Duration expiryTolerance() {
    return Duration.ofSeconds(1);
  }

  /** The size of the large value: 256 KiB, as {@link CacheContract}. */
  protected int largeValueBytes() {
    return 256 * 1024;
  }

  /** The contract in one stage; its store is the router of a {@code Switchback} of its own. */
  abstract class InStage extends CacheContract {
    private final Stage stage;
    private @Nullable Switchback switchback;

    InStage(Stage stage) {
      this.stage = stage;
    }

    @Override
    protected Duration shortTtl() {
      return CacheStagesContract.this.shortTtl();
    }

    @Override
    protected Duration expiryTolerance() {
      return CacheStagesContract.this.expiryTolerance();
    }

    @Override
    protected int largeValueBytes() {
      return CacheStagesContract.this.largeValueBytes();
    }

    @Override
    protected Cache createCache() {
      Switchback started = StagedSwitchback.start(Capability.CACHE, migrationConfig(), stage);
      switchback = started;
      return started.cache();
    }

    @AfterAll
    void closeSwitchback() {
      if (switchback != null) {
        switchback.close();
      }
    }
  }

  /** The CacheContract through the migration in {@link Stage#OFF}. */
  @Nested
  public class Off extends InStage {
    /** For JUnit. */
    public Off() {
      super(Stage.OFF);
    }
  }

  /** The CacheContract through the migration in {@link Stage#DUALWRITE}. */
  @Nested
  public class DualWrite extends InStage {
    /** For JUnit. */
    public DualWrite() {
      super(Stage.DUALWRITE);
    }
  }

  /** The CacheContract through the migration in {@link Stage#SHADOW}. */
  @Nested
  public class Shadow extends InStage {
    /** For JUnit. */
    public Shadow() {
      super(Stage.SHADOW);
    }
  }

  /** The CacheContract through the migration in {@link Stage#LIVE}. */
  @Nested
  public class Live extends InStage {
    /** For JUnit. */
    public Live() {
      super(Stage.LIVE);
    }
  }

  /** The CacheContract through the migration in {@link Stage#RAMPDOWN}. */
  @Nested
  public class RampDown extends InStage {
    /** For JUnit. */
    public RampDown() {
      super(Stage.RAMPDOWN);
    }
  }

  /** The CacheContract through the migration in {@link Stage#COMPLETE}. */
  @Nested
  public class Complete extends InStage {
    /** For JUnit. */
    public Complete() {
      super(Stage.COMPLETE);
    }
  }
}
