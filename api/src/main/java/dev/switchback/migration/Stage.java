package dev.switchback.migration;

import java.util.Locale;

/**
 * The stages of a migration from an old backend to a new one, in order. Which store is written
 * and which answers reads:
 *
 * <table>
 *   <caption>Stages</caption>
 *   <tr><th>stage</th><th>writes</th><th>reads</th></tr>
 *   <tr><td>off</td><td>old</td><td>old</td></tr>
 *   <tr><td>dualwrite</td><td>old (authoritative), then new</td><td>old</td></tr>
 *   <tr><td>shadow</td><td>old, then new</td><td>old answers; new read off-path and compared</td></tr>
 *   <tr><td>live</td><td>new (authoritative), then old</td><td>new answers for the canary share
 *       of keys, the rest as shadow; the other store read off-path and compared</td></tr>
 *   <tr><td>rampdown</td><td>new, then old</td><td>new</td></tr>
 *   <tr><td>complete</td><td>new</td><td>new</td></tr>
 * </table>
 */
public enum Stage {
  OFF,
  DUALWRITE,
  SHADOW,
  LIVE,
  RAMPDOWN,
  COMPLETE;

  /** Whether the old store is written in this stage. */
  public boolean writesOld() {
    return this != COMPLETE;
  }

  /** Whether the new store is written in this stage. */
  public boolean writesNew() {
    return this != OFF;
  }

  /** Whether both stores are written, so a write has a mirror. */
  public boolean writesBoth() {
    return writesOld() && writesNew();
  }

  /** Whether the new store is authoritative: written first, its failure fails the call. */
  public boolean newIsAuthoritative() {
    return compareTo(LIVE) >= 0;
  }

  /** The next stage, or this one for {@link #COMPLETE}. */
  public Stage next() {
    return this == COMPLETE ? this : values()[ordinal() + 1];
  }

  /** The name used in configuration, for example {@code dualwrite}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The stage named {@code value} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values if there is none
   */
  public static Stage parse(String value) {
    for (Stage s : values()) {
      if (s.configName().equalsIgnoreCase(value.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown stage '" + value + "'; accepted values: " + acceptedValues());
  }

  /** The accepted names, comma separated, in order. */
  public static String acceptedValues() {
    StringBuilder sb = new StringBuilder();
    for (Stage s : values()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(s.configName());
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return configName();
  }
}
