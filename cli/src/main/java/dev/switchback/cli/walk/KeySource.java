package dev.switchback.cli.walk;

import java.util.OptionalLong;

/**
 * Enumerates the keys of a store page by page. A scan starts at {@link #START} and ends when a
 * page's cursor is {@link #START} again; a cursor can be saved and a scan resumed from it.
 * Guarantees of Redis {@code SCAN}: a key present during the whole scan is returned at least
 * once; a key may be returned more than once.
 */
public interface KeySource {

  /** The cursor that starts a scan, and that ends it when returned. */
  String START = "0";

  /**
   * The page after {@code cursor}, of about {@code count} keys. Blocks.
   *
   * @throws dev.switchback.SwitchbackException when the store cannot be read
   */
  ScanPage page(String cursor, int count);

  /** How many keys the store holds in all, if known; an upper bound when a pattern selects some. */
  OptionalLong size();

  /** What this source is, for messages: {@code the source (redis)}. */
  String label();
}
