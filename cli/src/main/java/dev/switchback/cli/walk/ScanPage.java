package dev.switchback.cli.walk;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One page of a key scan.
 *
 * @param keys the keys found, raw as the source stores them; may repeat keys of earlier pages
 * @param cursor where the next page starts; {@link KeySource#START} when the scan is complete
 */
public record ScanPage(List<String> keys, String cursor) {

  public ScanPage {
    keys = List.copyOf(keys);
    requireNonNull(cursor, "cursor");
  }

  /** Whether this is the last page. */
  public boolean last() {
    return KeySource.START.equals(cursor);
  }
}
