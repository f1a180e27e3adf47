package dev.switchback.admin;

import dev.switchback.Backend;
import dev.switchback.Capability;
import dev.switchback.Switchback;
import dev.switchback.migration.Side;
import java.util.EnumMap;
import java.util.Map;

/** The backend each created capability runs on, the old side during a migration. */
final class BackendNames {
  private BackendNames() {}

  /** In {@link Capability} order. */
  static Map<Capability, String> of(Switchback switchback) {
    Map<Capability, String> names = new EnumMap<>(Capability.class);
    for (Backend backend : switchback.backends()) {
      if (backend.side().map(side -> side == Side.OLD).orElse(true)) {
        names.put(backend.capability(), backend.name());
      }
    }
    return names;
  }
}
