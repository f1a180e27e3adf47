package dev.switchback.redis.sessions;

import dev.switchback.redis.internal.LuaScript;

/**
 * The Lua scripts of {@link RedisSessions}. Each touches one key, the session's hash (see {@link
 * SessionHash} for its fields), so each runs atomically on a standalone server and on a cluster.
 * Times are epoch milliseconds from the caller's clock, so every store of a migration judges
 * expiry by the same clock; integers are formatted with {@code %d} so large ones are never
 * written in exponent form.
 */
final class SessionScripts {
  private SessionScripts() {}

  /** Sets the field/value pairs of ARGV from index {@code from} on, in chunks Lua can unpack. */
  private static final String HSET_FROM =
      """
      local function hset_from(key, from)
        for i = from, #ARGV, 200 do
          redis.call('HSET', key, unpack(ARGV, i, math.min(i + 199, #ARGV)))
        end
      end
      """;

  /**
   * Creates a session unless its key exists. ARGV: expires, then field/value pairs. Returns 1 if
   * created, 0 if the id is taken.
   */
  static final LuaScript CREATE =
      new LuaScript(
          HSET_FROM
              + """
              if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
              hset_from(KEYS[1], 2)
              redis.call('PEXPIREAT', KEYS[1], ARGV[1])
              return 1
              """);

  /** Replaces whatever the key holds with a session. ARGV as {@link #CREATE}. Returns 1. */
  static final LuaScript REPLACE =
      new LuaScript(
          HSET_FROM
              + """
              redis.call('DEL', KEYS[1])
              hset_from(KEYS[1], 2)
              redis.call('PEXPIREAT', KEYS[1], ARGV[1])
              return 1
              """);

  /**
   * Replaces the attributes of a live session at the expected version. ARGV: now, expected
   * version, most bytes the subject may take, latest expiry, then the attribute field/value
   * pairs. Returns {0} if there is no live session, {-1, version} on a version conflict, {-2,
   * subject bytes} if the subject makes the session too large, else {1, version, expires,
   * subject, created, ttl}.
   */
  static final LuaScript UPDATE =
      new LuaScript(
          HSET_FROM
              + """
              local m = redis.call('HMGET', KEYS[1],
                  'version', 'expires', 'subject', 'created', 'ttl', 'ttl-ms')
              if not m[1] then return {0} end
              local now = tonumber(ARGV[1])
              if tonumber(m[2]) <= now then return {0} end
              if m[1] ~= ARGV[2] then return {-1, tonumber(m[1])} end
              if string.len(m[3]) > tonumber(ARGV[3]) then return {-2, string.len(m[3])} end
              local version = string.format('%d', tonumber(m[1]) + 1)
              local expires = string.format('%d', math.min(now + tonumber(m[6]), tonumber(ARGV[4])))
              redis.call('DEL', KEYS[1])
              redis.call('HSET', KEYS[1], 'subject', m[3], 'version', version, 'created', m[4],
                  'expires', expires, 'ttl', m[5], 'ttl-ms', m[6])
              hset_from(KEYS[1], 5)
              redis.call('PEXPIREAT', KEYS[1], expires)
              return {1, tonumber(version), tonumber(expires), m[3], m[4], m[5]}
              """);

  /**
   * Renews the expiry of a live session. ARGV: now, latest expiry. Returns the session's fields
   * and values as HGETALL does, or an empty array if there is no live session.
   */
  static final LuaScript TOUCH =
      new LuaScript(
          """
          local m = redis.call('HMGET', KEYS[1], 'expires', 'ttl-ms')
          if not m[1] then return {} end
          local now = tonumber(ARGV[1])
          if tonumber(m[1]) <= now then return {} end
          local expires = string.format('%d', math.min(now + tonumber(m[2]), tonumber(ARGV[2])))
          redis.call('HSET', KEYS[1], 'expires', expires)
          redis.call('PEXPIREAT', KEYS[1], expires)
          return redis.call('HGETALL', KEYS[1])
          """);

  /** Deletes a session. ARGV: now. Returns 1 if the deleted session was live, else 0. */
  static final LuaScript DELETE =
      new LuaScript(
          """
          local expires = redis.call('HGET', KEYS[1], 'expires')
          if not expires then return 0 end
          redis.call('DEL', KEYS[1])
          if tonumber(expires) <= tonumber(ARGV[1]) then return 0 end
          return 1
          """);
}
