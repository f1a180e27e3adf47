package dev.switchback.cli.resp;

import static java.util.Objects.requireNonNull;

import dev.switchback.cli.walk.KeySource;
import dev.switchback.cli.walk.ScanPage;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.util.OptionalLong;

/**
 * The keys of a single-node Redis-protocol store matching a pattern, by {@code SCAN cursor
 * MATCH pattern COUNT n}. The cursor is Redis's own, so a scan resumes where it stopped; a
 * cluster has one cursor per node and is not scanned here.
 */
public final class RespKeySource implements KeySource {
  private final RespStore store;
  private final String pattern;

  /** The keys of {@code store} matching {@code pattern} (Redis glob syntax). */
  public RespKeySource(RespStore store, String pattern) {
    this.store = requireNonNull(store, "store");
    this.pattern = requireNonNull(pattern, "pattern");
  }

  @Override
  public ScanPage page(String cursor, int count) {
    KeyScanCursor<String> page = store.await(store.commands().scan(ScanCursor.of(cursor),
        ScanArgs.Builder.matches(pattern).limit(count)), "SCAN");
    return new ScanPage(page.getKeys(), page.isFinished() ? START : page.getCursor());
  }

  /** {@code DBSIZE}: every key of the database, whether it matches the pattern or not. */
  @Override
  public OptionalLong size() {
    return OptionalLong.of(store.await(store.commands().dbsize(), "DBSIZE"));
  }

  @Override
  public String label() {
    return store.label();
  }
}
