package dev.switchback.migration.internal;

import dev.switchback.migration.spi.StageSource;
import dev.switchback.migration.spi.StageSourceProvider;
import java.io.IOException;
import java.io.Reader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Stage changes from a properties file, such as a mounted Kubernetes ConfigMap. The file is
 * polled by content, not by timestamp or file events, because a ConfigMap update swaps a symlink
 * and keeps neither reliable. A missing or unreadable file delivers nothing (the last good
 * snapshot stays in force) and is logged once per change of state.
 */
public final class FileStageSource implements StageSource {
  private static final System.Logger LOG = System.getLogger(FileStageSource.class.getName());

  private final Path file;
  private final Duration pollInterval;
  private final ScheduledExecutorService scheduler;
  private volatile byte[] lastContent;
  private volatile boolean lastFailed;
  private volatile ScheduledFuture<?> task;

  /** The provider for the {@code file:} scheme. */
  public static final class Provider implements StageSourceProvider {
    @Override
    public String scheme() {
      return "file";
    }

    @Override
    public StageSource create(String location, Duration pollInterval, ScheduledExecutorService scheduler) {
      return new FileStageSource(Path.of(location), pollInterval, scheduler);
    }
  }

  public FileStageSource(Path file, Duration pollInterval, ScheduledExecutorService scheduler) {
    this.file = file;
    this.pollInterval = pollInterval;
    this.scheduler = scheduler;
  }

  @Override
  public void start(Consumer<Map<String, String>> onSnapshot) {
    poll(onSnapshot);
    long ms = Math.max(10, pollInterval.toMillis());
    task = scheduler.scheduleWithFixedDelay(() -> poll(onSnapshot), ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Reads the file once and delivers a snapshot if its content changed. */
  void poll(Consumer<Map<String, String>> onSnapshot) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      failedOnce("stage file " + file + " does not exist; keeping the current stages");
      return;
    } catch (IOException e) {
      failedOnce("stage file " + file + " cannot be read (" + e.getMessage() + "); keeping the current stages");
      return;
    }
    lastFailed = false;
    if (Arrays.equals(content, lastContent)) {
      return;
    }
    Properties p = new Properties();
    try (Reader r = new java.io.StringReader(new String(content, StandardCharsets.UTF_8))) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      failedOnce("stage file " + file + " is not a properties file; keeping the current stages");
      return;
    }
    lastContent = content;
    Map<String, String> snapshot = new HashMap<>();
    p.stringPropertyNames().forEach(k -> snapshot.put(k, p.getProperty(k).trim()));
    onSnapshot.accept(Map.copyOf(snapshot));
  }

  private void failedOnce(String message) {
    if (!lastFailed) {
      LOG.log(Level.WARNING, message);
      lastFailed = true;
    }
  }

  @Override
  public void close() {
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
  }
}
