package dev.switchback.internal;

import java.util.Set;

/**
 * The schemes {@code switchback.control.source} accepts besides {@code none}. One place, so the
 * stage sources that register further schemes can extend it.
 */
public final class ControlSourceSchemes {

  /** The schemes Switchback ships: a watched file and SSM Parameter Store. */
  public static final Set<String> BUILT_IN = Set.of("file", "ssm");

  private ControlSourceSchemes() {}

  /** The schemes accepted now. */
  public static Set<String> known() {
    return BUILT_IN;
  }
}
