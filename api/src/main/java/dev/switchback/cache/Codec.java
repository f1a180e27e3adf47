package dev.switchback.cache;

import java.nio.charset.StandardCharsets;

/**
 * Turns values of type {@code T} into bytes and back, for {@link TypedCache}. Implementations
 * are thread safe and throw {@link dev.switchback.InvalidInputException} for bytes they cannot
 * decode.
 */
public interface Codec<T> {

  /** UTF-8 strings. */
  Codec<String> UTF8 =
      new Codec<>() {
        @Override
        public byte[] encode(String value) {
          return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
          return new String(bytes, StandardCharsets.UTF_8);
        }
      };

  byte[] encode(T value);

  T decode(byte[] bytes);
}
