package dev.switchback.migration;

/** One of the two backends of a migration. */
public enum Side {
  OLD,
  NEW;

  /** The other side. */
  public Side other() {
    return this == OLD ? NEW : OLD;
  }

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
