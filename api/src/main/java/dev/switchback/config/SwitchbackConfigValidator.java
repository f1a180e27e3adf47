package dev.switchback.config;

import static java.util.Objects.requireNonNull;

import dev.switchback.Capability;
import dev.switchback.ConfigurationException;
import dev.switchback.migration.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks what SmallRye's mapping cannot: ranges, positive durations, the de-duplication store
 * of a messaging migration and the control source's scheme. SmallRye already rejects unknown keys, missing required keys and values that do not
 * convert.
 *
 * <p>Every problem is reported at once in one {@link ConfigurationException}; each part names
 * the exact key, the value, and the accepted values.
 */
public final class SwitchbackConfigValidator {

  /** The stages a guard may step back to: those where the old store is authoritative. */
  public static final Set<Stage> ROLLBACK_STAGES =
      EnumSet.of(Stage.OFF, Stage.DUALWRITE, Stage.SHADOW);

  /** The accepted values of {@code switchback.messaging.migration.dedup.store}. */
  public static final List<String> DEDUP_STORES = List.of(DedupConfig.MEMORY, DedupConfig.CACHE);

  private final List<String> controlSchemes;

  /**
   * A validator that accepts {@code switchback.control.source} values {@code none} and {@code
   * <scheme>:<rest>} for each of {@code controlSchemes} (for example {@code file}, {@code ssm}).
   */
  public SwitchbackConfigValidator(Set<String> controlSchemes) {
    requireNonNull(controlSchemes, "controlSchemes");
    TreeSet<String> schemes = new TreeSet<>();
    for (String scheme : controlSchemes) {
      schemes.add(requireNonNull(scheme, "scheme").toLowerCase(Locale.ROOT));
    }
    this.controlSchemes = List.copyOf(schemes);
  }

  /**
   * Checks {@code config}.
   *
   * @throws ConfigurationException listing every problem, each naming its key and the accepted
   *     values
   */
  public void validate(SwitchbackConfig config) {
    requireNonNull(config, "config");
    List<String> problems = new ArrayList<>();
    for (Capability capability : Capability.values()) {
      checkMigration(capability.prefix() + ".migration.", config.capability(capability).migration(),
          problems);
    }
    checkMessagingMigration(
        Capability.MESSAGING.prefix() + ".migration.", config.messaging().migration(), problems);
    if (config.tracing().serviceName().isBlank()) {
      problems.add(Capability.TRACING.prefix() + ".service-name is blank; accepted values: a"
          + " non-blank service name");
    }
    checkControl(config.control(), problems);
    if (!problems.isEmpty()) {
      throw new ConfigurationException("Invalid configuration: " + String.join("; ", problems));
    }
  }

  private static void checkMigration(String prefix, MigrationConfig m, List<String> problems) {
    int canary = m.canaryPercent();
    if (canary < 0 || canary > 100) {
      problems.add(prefix + "canary-percent=" + canary + " is out of range; accepted values: 0 to 100");
    }
    positive(prefix + "shadow-timeout", m.shadowTimeout(), problems);
    positive(prefix + "mirror-timeout", m.mirrorTimeout(), problems);
    positive(prefix + "reconcile-interval", m.reconcileInterval(), problems);
    GuardConfig guard = m.guard();
    rate(prefix + "guard.max-error-rate", guard.maxErrorRate(), problems);
    rate(prefix + "guard.max-mismatch-rate", guard.maxMismatchRate(), problems);
    positive(prefix + "guard.window", guard.window(), problems);
    if (guard.minOperations() < 1) {
      problems.add(prefix + "guard.min-operations=" + guard.minOperations()
          + " is out of range; accepted values: 1 or more");
    }
    if (!ROLLBACK_STAGES.contains(guard.rollbackTo())) {
      problems.add(prefix + "guard.rollback-to=" + guard.rollbackTo()
          + " is not a stage where the old store is authoritative; accepted values: off,"
          + " dualwrite, shadow");
    }
  }

  private static void checkMessagingMigration(
      String prefix, MessagingMigrationConfig m, List<String> problems) {
    positive(prefix + "shadow-grace", m.shadowGrace(), problems);
    DedupConfig dedup = m.dedup();
    String store = dedup.store().trim();
    if (!DEDUP_STORES.contains(store)) {
      problems.add("Unrecognized value for " + prefix + "dedup.store: " + store
          + "; accepted values: " + String.join(", ", DEDUP_STORES));
    }
    positive(prefix + "dedup.window", dedup.window(), problems);
    positive(prefix + "dedup.claim-timeout", dedup.claimTimeout(), problems);
    if (dedup.maxEntries() < 1) {
      problems.add(prefix + "dedup.max-entries=" + dedup.maxEntries()
          + " is out of range; accepted values: 1 or more");
    }
  }

  private void checkControl(ControlConfig control, List<String> problems) {
    String key = SwitchbackConfig.PREFIX + ".control.source";
    String source = control.source().trim();
    if (!source.equalsIgnoreCase(ControlConfig.NONE)) {
      int colon = source.indexOf(':');
      String scheme = colon < 0 ? "" : source.substring(0, colon).toLowerCase(Locale.ROOT);
      boolean known = colon > 0 && controlSchemes.contains(scheme);
      if (!known || colon == source.length() - 1) {
        problems.add("Unrecognized value for " + key + ": " + source + "; accepted forms: "
            + acceptedControlForms());
      }
    }
    positive(SwitchbackConfig.PREFIX + ".control.poll-interval", control.pollInterval(), problems);
  }

  /** The accepted forms of {@code switchback.control.source}, for messages. */
  public String acceptedControlForms() {
    StringBuilder forms = new StringBuilder(ControlConfig.NONE);
    for (String scheme : controlSchemes) {
      if (!scheme.equals(ControlConfig.NONE)) {
        forms.append(", ").append(scheme).append(":<path>");
      }
    }
    return forms.toString();
  }

  private static void positive(String key, Duration value, List<String> problems) {
    if (value.isNegative() || value.isZero()) {
      problems.add(key + "=" + value + " must be positive; accepted values: a positive duration"
          + " such as 500ms, 60s or PT1S");
    }
  }

  private static void rate(String key, double value, List<String> problems) {
    if (!(value >= 0.0 && value <= 1.0)) {
      problems.add(key + "=" + value + " is out of range; accepted values: 0 to 1");
    }
  }
}
