package dev.switchback.redis.internal;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), sent in full ({@code EVAL}, which also caches
 * it) only when the server does not know it yet: after a restart, on a new cluster node. Scripts
 * touch only the keys they are given, so they run on a cluster too. Immutable.
 */
public final class LuaScript {
  private final String text;
  private final String sha1;

  /** The script {@code text}. */
  public LuaScript(String text) {
    this.text = requireNonNull(text, "text");
    this.sha1 = sha1(text);
  }

  /** Runs the script on {@code keys} with {@code args}, its reply read as {@code type}. */
  public <T> CompletionStage<T> run(
      RedisClusterAsyncCommands<String, byte[]> commands,
      ScriptOutputType type,
      String[] keys,
      byte[]... args) {
    CompletionStage<T> bySha = commands.evalsha(sha1, type, keys, args);
    return bySha
        .handle(
            (reply, failure) -> {
              if (failure == null) {
                return CompletableFuture.completedFuture(reply);
              }
              if (RedisFailures.unwrap(failure) instanceof RedisNoScriptException) {
                return commands.<T>eval(text, type, keys, args);
              }
              return CompletableFuture.<T>failedFuture(failure);
            })
        .thenCompose(stage -> stage);
  }

  private static String sha1(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
