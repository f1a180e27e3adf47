package dev.switchback.msk;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every log record of the JVM while open, at every level, formatted with its stack trace: Kafka
 * and the AWS SDK log through SLF4J to java.util.logging here, Switchback through {@code
 * System.Logger}, so this sees all of them — except the HTTP client's wire log ({@value
 * #WIRE_LOG}, DEBUG), which prints every response body as it came, a secret's value among them,
 * and which must stay off where secrets are read (see the README).
 */
final class CapturedLogs extends Handler implements AutoCloseable {
  static final String WIRE_LOG = "org.apache.hc.client5.http.wire";

  private final Logger root = Logger.getLogger("");
  private final Level rootLevel = root.getLevel();
  private final SimpleFormatter formatter = new SimpleFormatter();
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private CapturedLogs() {
    setLevel(Level.ALL);
    root.setLevel(Level.ALL);
    root.addHandler(this);
  }

  static CapturedLogs start() {
    return new CapturedLogs();
  }

  /** Everything logged so far. */
  String text() {
    return String.join("\n", lines);
  }

  @Override
  public void publish(LogRecord record) {
    String logger = record.getLoggerName();
    if (logger == null || !logger.startsWith(WIRE_LOG)) {
      lines.add(formatter.format(record));
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    root.removeHandler(this);
    root.setLevel(rootLevel);
  }
}
