package dev.switchback.migration;

/**
 * Receives {@link MigrationEvent}s. Called on the thread that caused the event; must return
 * quickly and must not throw (a throwing listener is logged and skipped).
 */
@FunctionalInterface
public interface MigrationListener {
  void onEvent(MigrationEvent event);
}
