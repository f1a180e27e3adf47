package dev.switchback.testkit.servers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real browser for tests: runs a script against a fresh headless Chromium through <a
 * href="https://playwright.dev">Playwright</a> ({@code playwright-core} {@value
 * #PLAYWRIGHT_VERSION}, npm) on Node.js, and hands back what the script returned.
 *
 * <pre>{@code
 * JsonNode seen = HeadlessChromium.run("""
 *     await page.goto(args.url);
 *     return await page.textContent('h1');
 *     """, Map.of("url", url), Duration.ofMinutes(1));
 * }</pre>
 *
 * <p>The script is the body of an {@code async} function with {@code page} (a Playwright {@code
 * Page} of a new browser context) and {@code args} (the JSON of the given arguments) in scope;
 * its return value comes back as JSON. A script that throws, a page error and a timeout fail the
 * call with an {@link IllegalStateException} quoting the end of the log, which also holds the
 * page's console messages.
 *
 * <p><b>What it needs.</b> {@code node} and {@code npm} on the {@code PATH}; playwright-core is
 * installed into the tools directory on first use ({@link NodePackages}). The browser is the
 * system's Chromium, {@value #DEFAULT_EXECUTABLE} unless the system property {@value
 * #EXECUTABLE_PROPERTY} names another; when the default is missing it is installed with {@code
 * apt-get install -y chromium} (as root, else through {@code sudo -n}). Playwright never
 * downloads a browser. Chromium runs with {@link #ARGUMENTS}.
 */
public final class HeadlessChromium {

  /** The playwright-core version installed and run. */
  public static final String PLAYWRIGHT_VERSION = "1.65.1";

  /** The system property naming the Chromium executable. */
  public static final String EXECUTABLE_PROPERTY = "switchback.testkit.chromium";

  /** The Chromium executable used unless {@value #EXECUTABLE_PROPERTY} names another. */
  public static final String DEFAULT_EXECUTABLE = "/usr/bin/chromium";

  /**
   * Chromium's command-line arguments: no sandbox (tests may run as root in a container) and no
   * background traffic (tests run offline).
   */
  public static final List<String> ARGUMENTS =
      List.of("--no-sandbox", "--disable-background-networking");

  private static final Duration APT_TIMEOUT = Duration.ofMinutes(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String RUNNER = """
      'use strict';
      const fs = require('fs');
      const [playwright, executable, chromiumArgs, scriptFile, argsFile, resultFile] =
          process.argv.slice(2);
      const { chromium } = require(playwright);
      const body = fs.readFileSync(scriptFile, 'utf8');
      const run = new Function('page', 'args',
          'return (async () => {\\n' + body + '\\n})();');
      (async () => {
        const browser = await chromium.launch({ executablePath: executable, headless: true,
            args: JSON.parse(chromiumArgs) });
        try {
          const page = await (await browser.newContext()).newPage();
          page.on('console', m => console.log('console.' + m.type() + ': ' + m.text()));
          page.on('pageerror', e => console.log('pageerror: ' + e.message));
          const result = await run(page, JSON.parse(fs.readFileSync(argsFile, 'utf8')));
          fs.writeFileSync(resultFile, JSON.stringify(result === undefined ? null : result));
        } finally {
          await browser.close();
        }
      })().catch(e => { console.error((e && e.stack) || String(e)); process.exit(1); });
      """;

  private HeadlessChromium() {}

  /**
   * Runs {@code script} in a fresh headless Chromium and returns its result.
   *
   * @param script the body of an async function of {@code page} and {@code args}
   * @param args the arguments, written as JSON (strings, numbers, booleans, lists, maps)
   * @param timeout the most the whole run may take, browser start included
   * @throws IllegalStateException if the browser or Node.js is missing and cannot be installed,
   *     or the script fails or overruns
   */
  public static JsonNode run(String script, Map<String, ?> args, Duration timeout) {
    requireNonNull(script, "script");
    requireNonNull(args, "args");
    requireNonNull(timeout, "timeout");
    Path playwright = NodePackages.installed("playwright-core", PLAYWRIGHT_VERSION, "package.json")
        .getParent();
    Path executable = executable();
    Path directory = null;
    try {
      directory = Files.createTempDirectory("switchback-browser");
      Path runner = Files.writeString(directory.resolve("runner.js"), RUNNER);
      Path scriptFile = Files.writeString(directory.resolve("script.js"), script);
      Path argsFile = directory.resolve("args.json");
      JSON.writeValue(argsFile.toFile(), args);
      Path resultFile = directory.resolve("result.json");
      Path log = directory.resolve("browser.log");
      Path node = NodePackages.node("HeadlessChromium (playwright-core " + PLAYWRIGHT_VERSION + ")");
      ServerProcess.run(List.of(node.toString(), runner.toString(), playwright.toString(),
          executable.toString(), JSON.writeValueAsString(ARGUMENTS), scriptFile.toString(),
          argsFile.toString(), resultFile.toString()), directory, log, timeout);
      return JSON.readTree(resultFile.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run the browser script", e);
    } finally {
      if (directory != null) {
        ServerProcess.deleteTree(directory);
      }
    }
  }

  /** The Chromium executable, installed first when the default one is missing. */
  public static Path executable() {
    String configured = System.getProperty(EXECUTABLE_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      if (!Files.isExecutable(path)) {
        throw new IllegalStateException(EXECUTABLE_PROPERTY + " names " + path
            + ", which is not an executable file");
      }
      return path;
    }
    Path path = Path.of(DEFAULT_EXECUTABLE);
    if (!Files.isExecutable(path)) {
      installChromium();
    }
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(path + " is missing after apt-get install chromium");
    }
    return path;
  }

  private static void installChromium() {
    Path tools = NodePackages.toolsDirectory();
    List<String> command = new ArrayList<>();
    if (!Executables.runningAsRoot()) {
      command.add(Executables.onPath("sudo").orElseThrow(() -> new IllegalStateException(
          DEFAULT_EXECUTABLE + " is missing and this user cannot install it (no sudo): run"
              + " apt-get install -y chromium as root, or set " + EXECUTABLE_PROPERTY))
          .toString());
      command.add("-n");
    }
    command.addAll(List.of("apt-get", "install", "-y", "-q", "chromium"));
    try {
      Files.createDirectories(tools);
      Path log = tools.resolve("chromium-install.log");
      // One install at a time across test JVMs; apt-get would refuse a second one anyway.
      try (FileChannel lockFile = FileChannel.open(tools.resolve("chromium.lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        if (Files.isExecutable(Path.of(DEFAULT_EXECUTABLE))) {
          return;
        }
        ServerProcess.run(command, tools, log, APT_TIMEOUT);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install chromium", e);
    }
  }
}
