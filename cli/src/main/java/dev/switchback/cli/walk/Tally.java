package dev.switchback.cli.walk;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of {@link Outcome}s, with the first {@value #MAX_EXAMPLES} keys of each outcome for
 * reports (keys only, never values). Not thread safe: one walk fills one tally.
 */
public final class Tally {

  /** How many keys of each outcome are kept as examples. */
  public static final int MAX_EXAMPLES = 10;

  /** How many distinct failure reasons are kept. */
  public static final int MAX_ERRORS = 5;

  private final long[] counts = new long[Outcome.values().length];
  private final Map<Outcome, List<String>> examples = new EnumMap<>(Outcome.class);
  private final List<String> errors = new ArrayList<>();

  /** An empty tally. */
  public Tally() {}

  /** Counts one {@code outcome} for {@code key}. */
  public Tally add(Outcome outcome, String key) {
    requireNonNull(key, "key");
    counts[outcome.ordinal()]++;
    List<String> kept = examples.computeIfAbsent(outcome, o -> new ArrayList<>());
    if (kept.size() < MAX_EXAMPLES) {
      kept.add(key);
    }
    return this;
  }

  /** Adds {@code count} to {@code outcome} without examples, as when restoring a checkpoint. */
  public Tally add(Outcome outcome, long count) {
    counts[outcome.ordinal()] += count;
    return this;
  }

  /**
   * Counts {@link Outcome#FAILED} for {@code key} and keeps {@code error} (the reason, never a
   * value) if it is one of the first {@value #MAX_ERRORS} distinct ones.
   */
  public Tally fail(String key, String error) {
    add(Outcome.FAILED, key);
    noteError(error);
    return this;
  }

  /** The first distinct failure reasons, at most {@value #MAX_ERRORS}. */
  public List<String> errors() {
    return Collections.unmodifiableList(errors);
  }

  private void noteError(String error) {
    if (errors.size() < MAX_ERRORS && !errors.contains(error)) {
      errors.add(error);
    }
  }

  /** Adds every count, example and failure reason of {@code other}. */
  public Tally merge(Tally other) {
    other.errors.forEach(this::noteError);
    for (Outcome outcome : Outcome.values()) {
      counts[outcome.ordinal()] += other.count(outcome);
      for (String key : other.examples(outcome)) {
        List<String> kept = examples.computeIfAbsent(outcome, o -> new ArrayList<>());
        if (kept.size() < MAX_EXAMPLES) {
          kept.add(key);
        }
      }
    }
    return this;
  }

  /** A copy of this tally. */
  public Tally copy() {
    return new Tally().merge(this);
  }

  /** How many keys had {@code outcome}. */
  public long count(Outcome outcome) {
    return counts[outcome.ordinal()];
  }

  /** The sum of every count. */
  public long total() {
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    return total;
  }

  /** The first keys counted with {@code outcome}, at most {@value #MAX_EXAMPLES}. */
  public List<String> examples(Outcome outcome) {
    return Collections.unmodifiableList(examples.getOrDefault(outcome, List.of()));
  }
}
