package dev.switchback.testkit.servers;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * The main class of a broker process that {@link LocalKafka} starts; not for tests to call. It
 * runs Kafka's own {@code kafka.Kafka} with the remaining arguments and halts the process as
 * soon as the JVM that started it is gone, so a test JVM that dies without running its exit
 * hooks (killed by a timeout, say) leaves no broker holding ports and memory.
 *
 * <p>Arguments: the process id of the JVM to follow, then the arguments of {@code kafka.Kafka}
 * (the path of {@code server.properties}).
 */
public final class KafkaBrokerMain {
  private KafkaBrokerMain() {}

  /**
   * Follows the given parent and runs the broker until it stops.
   *
   * @param args the parent's process id, then the broker's arguments
   * @throws Throwable whatever the broker's main method throws
   */
  public static void main(String[] args) throws Throwable {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: KafkaBrokerMain <parent pid> <server.properties>");
    }
    long parent = Long.parseLong(args[0]);
    ProcessHandle.of(parent)
        .ifPresentOrElse(
            handle -> handle.onExit().thenRun(KafkaBrokerMain::halt), KafkaBrokerMain::halt);
    try {
      Class.forName("kafka.Kafka")
          .getMethod("main", String[].class)
          .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void halt() {
    // No shutdown hooks: the broker's data is thrown away with its directory anyway.
    Runtime.getRuntime().halt(3);
  }
}
