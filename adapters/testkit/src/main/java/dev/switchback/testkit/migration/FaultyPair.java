package dev.switchback.testkit.migration;

import java.util.Map;

/**
 * Two backends of a migration that a fault suite can break on request: their configuration, and
 * a fault for each side. Breaking a side must make its store fail fast (a fault proxy that resets
 * and refuses connections, or a stopped server); healing undoes it.
 */
public interface FaultyPair {

  /**
   * The pair: the capability's {@code backend}, its {@code migration.target} and both backends'
   * settings, reaching the stores through whatever the faults act on. The backends' operation
   * timeouts should be short (a second or less), so a broken store fails within a suite's
   * patience.
   */
  Map<String, String> migrationConfig();

  /**
   * The configuration the suites' direct views of the two stores are built from: the pair's, by
   * default. Reaching the stores without the faults means checking a store never waits for a
   * reconnect.
   */
  default Map<String, String> directConfig() {
    return migrationConfig();
  }

  /** Makes every operation on the old store fail fast until {@link #healOld()}. */
  void breakOld();

  /** Undoes {@link #breakOld()}; the old store answers again. */
  void healOld();

  /** Makes every operation on the new store fail fast until {@link #healNew()}. */
  void breakNew();

  /** Undoes {@link #breakNew()}; the new store answers again. */
  void healNew();
}
