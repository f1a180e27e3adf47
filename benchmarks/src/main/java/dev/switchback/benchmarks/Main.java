package dev.switchback.benchmarks;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The jar's entry point: JMH's command line, plus the servers. Before the benchmarks selected by
 * the command line run, it finds or starts the servers they need ({@link BenchmarkServers}) and
 * hands them to every forked JVM, so all paths of a comparison run against the same server
 * processes. Listing and help go straight to JMH.
 */
public final class Main {

  /** Which servers each benchmark class needs. */
  private static final Map<Class<?>, Set<BenchmarkServers>> NEEDS =
      Map.of(
          RedisCacheBenchmark.class, EnumSet.of(BenchmarkServers.REDIS),
          CacheMigrationBenchmark.class,
              EnumSet.of(BenchmarkServers.REDIS, BenchmarkServers.SECOND_REDIS),
          DynamoDbSessionsBenchmark.class, EnumSet.of(BenchmarkServers.DYNAMODB),
          KafkaPublishBenchmark.class, EnumSet.of(BenchmarkServers.KAFKA),
          KafkaLatencyBenchmark.class, EnumSet.of(BenchmarkServers.KAFKA),
          KafkaDualPublishBenchmark.class,
              EnumSet.of(BenchmarkServers.KAFKA, BenchmarkServers.SECOND_KAFKA),
          KafkaConsumeBenchmark.class, EnumSet.of(BenchmarkServers.KAFKA,
              BenchmarkServers.SECOND_KAFKA, BenchmarkServers.SECOND_REDIS));

  private Main() {}

  /** Runs JMH with {@code args}, as {@code org.openjdk.jmh.Main} does. */
  public static void main(String[] args) throws Exception {
    CommandLineOptions cli;
    try {
      cli = new CommandLineOptions(args);
    } catch (CommandLineOptionException e) {
      System.err.println("Error parsing command line: " + e.getMessage());
      System.exit(1);
      return;
    }
    if (cli.shouldHelp() || cli.shouldList() || cli.shouldListWithParams()
        || cli.shouldListProfilers() || cli.shouldListResultFormats()) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    Set<BenchmarkServers> needed = EnumSet.noneOf(BenchmarkServers.class);
    NEEDS.forEach((type, servers) -> {
      if (selected(type, cli.getIncludes(), cli.getExcludes())) {
        needed.addAll(servers);
      }
    });
    absoluteClassPath();
    List<String> prepend = new ArrayList<>(cli.getJvmArgsPrepend().orElse(List.of()));
    prepend.addAll(BenchmarkServers.provide(needed));
    Options options = new OptionsBuilder()
        .parent(cli)
        .jvmArgsPrepend(prepend.toArray(String[]::new))
        .build();
    try {
      new Runner(options).run();
    } catch (RunnerException e) {
      System.err.println("Error running benchmarks: " + e.getMessage());
      e.printStackTrace(System.err);
      System.exit(1);
    }
    // Started servers stop with this JVM; exit so that no client thread keeps it alive.
    System.exit(0);
  }

  /**
   * Makes this JVM's class path absolute. The testkit starts a Kafka broker on this JVM's class
   * path in the broker's own directory, where {@code java -jar target/...jar}'s relative path
   * finds nothing.
   */
  private static void absoluteClassPath() {
    String[] entries = System.getProperty("java.class.path", "").split(File.pathSeparator);
    StringJoiner absolute = new StringJoiner(File.pathSeparator);
    for (String entry : entries) {
      absolute.add(entry.isEmpty() ? entry : Path.of(entry).toAbsolutePath().toString());
    }
    System.setProperty("java.class.path", absolute.toString());
  }

  /** Whether the command line selects any benchmark method of {@code type}, as JMH matches. */
  private static boolean selected(
      Class<?> type, Collection<String> includes, Collection<String> excludes) {
    for (Method method : type.getMethods()) {
      if (!method.isAnnotationPresent(Benchmark.class)) {
        continue;
      }
      String name = type.getName() + "." + method.getName();
      boolean included = includes.isEmpty() || matchesAny(includes, name);
      if (included && !matchesAny(excludes, name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAny(Collection<String> patterns, String name) {
    for (String pattern : patterns) {
      if (Pattern.compile(pattern).matcher(name).find()) {
        return true;
      }
    }
    return false;
  }
}
