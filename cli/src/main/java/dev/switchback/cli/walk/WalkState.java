package dev.switchback.cli.walk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a walk stands, saved to a state file so an interrupted copy can resume: which copy it is
 * (operation, source, target, key pattern), the scan cursor after the last page fully handled,
 * and the counts up to that page.
 *
 * <p>The file is a properties file, written whole to a temporary file in the same directory,
 * forced to disk and renamed over the old one, so a crash leaves either the old or the new state.
 *
 * @param operation what the walk does, such as {@code copy cache}
 * @param source the source backend's name
 * @param target the target backend's name
 * @param pattern the key pattern scanned
 * @param cursor the cursor to resume from
 * @param finished whether the scan completed
 * @param keys how many keys were handled up to {@code cursor}
 * @param tally the outcomes up to {@code cursor}
 */
public record WalkState(String operation, String source, String target, String pattern,
    String cursor, boolean finished, long keys, Tally tally) {

  private static final String COUNT = "count.";

  public WalkState {
    requireNonNull(operation, "operation");
    requireNonNull(source, "source");
    requireNonNull(target, "target");
    requireNonNull(pattern, "pattern");
    requireNonNull(cursor, "cursor");
    tally = tally.copy();
  }

  /** The state of a walk not started yet. */
  public static WalkState start(String operation, String source, String target, String pattern) {
    return new WalkState(operation, source, target, pattern, KeySource.START, false, 0, new Tally());
  }

  /** This state moved to {@code cursor} with {@code keys} handled and {@code tally}. */
  public WalkState at(String cursor, boolean finished, long keys, Tally tally) {
    return new WalkState(operation, source, target, pattern, cursor, finished, keys, tally);
  }

  /** Whether {@code other} describes the same copy (operation, source, target, pattern). */
  public boolean sameRun(WalkState other) {
    return operation.equals(other.operation) && source.equals(other.source)
        && target.equals(other.target) && pattern.equals(other.pattern);
  }

  /** A description of the copy for messages: {@code copy cache from redis to elasticache (keys sb:*)}. */
  public String describe() {
    return operation + " from " + source + " to " + target + " (keys " + pattern + ")";
  }

  /**
   * Reads the state in {@code file}, if the file exists.
   *
   * @throws UncheckedIOException when it cannot be read
   * @throws IllegalArgumentException when it is not a state file
   */
  public static Optional<WalkState> read(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the state file " + file + ": " + e, e);
    }
    try {
      Tally tally = new Tally();
      for (Outcome outcome : Outcome.values()) {
        tally.add(outcome, Long.parseLong(p.getProperty(COUNT + outcome.label(), "0")));
      }
      return Optional.of(new WalkState(required(p, "operation"), required(p, "source"),
          required(p, "target"), required(p, "pattern"), required(p, "cursor"),
          Boolean.parseBoolean(required(p, "finished")), Long.parseLong(required(p, "keys")),
          tally));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + " is not a Switchback state file: "
          + e.getMessage(), e);
    }
  }

  /**
   * Writes this state to {@code file} atomically.
   *
   * @throws UncheckedIOException when it cannot be written
   */
  public void write(Path file) {
    Properties p = new Properties();
    p.setProperty("operation", operation);
    p.setProperty("source", source);
    p.setProperty("target", target);
    p.setProperty("pattern", pattern);
    p.setProperty("cursor", cursor);
    p.setProperty("finished", Boolean.toString(finished));
    p.setProperty("keys", Long.toString(keys));
    for (Outcome outcome : Outcome.values()) {
      p.setProperty(COUNT + outcome.label(), Long.toString(tally.count(outcome)));
    }
    p.setProperty("updated", Instant.now().toString());
    Path absolute = file.toAbsolutePath();
    Path directory = Objects.requireNonNullElse(absolute.getParent(), Path.of("."));
    try {
      Files.createDirectories(directory);
      Path temporary = Files.createTempFile(directory, absolute.getFileName() + ".", ".tmp");
      try {
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
          p.store(out, "Switchback " + operation + "; resume with --resume");
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
          channel.force(true);
        }
        try {
          Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the state file " + file + ": " + e, e);
    }
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException("'" + key + "' is missing");
    }
    return value;
  }
}
