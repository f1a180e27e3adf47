package dev.switchback.dynamodb.internal;

import dev.switchback.InvalidInputException;
import java.time.Duration;
import java.time.Instant;

/**
 * The expiry written to the TTL attribute, in epoch <em>seconds</em> as DynamoDB's TTL requires.
 *
 * <p>An expiry at or after {@link #MAX_EPOCH_SECONDS} (10<sup>11</sup> s, the year 5138) is
 * refused: it is what an expiry in epoch milliseconds read as seconds looks like (today is about
 * 1.7 &times; 10<sup>12</sup> ms), and DynamoDB would never delete such an item. So is a TTL too
 * long to reach such an expiry from now.
 */
public final class EpochSeconds {

  /** The first refused expiry, in epoch seconds: 10<sup>11</sup>. */
  public static final long MAX_EPOCH_SECONDS = 100_000_000_000L;

  private EpochSeconds() {}

  /**
   * {@code expiresAt} in epoch seconds, rounded up so DynamoDB never deletes an item before it
   * expired.
   *
   * @throws InvalidInputException if it is at or after {@link #MAX_EPOCH_SECONDS}
   */
  public static long ttlValue(Instant expiresAt) {
    long seconds = expiresAt.getEpochSecond() + (expiresAt.getNano() > 0 ? 1 : 0);
    if (seconds >= MAX_EPOCH_SECONDS) {
      throw new InvalidInputException("expiry " + seconds + " s after the epoch is later than the"
          + " year 5138; it looks like epoch milliseconds used as seconds. The TTL attribute holds"
          + " epoch seconds; give a TTL or an expiry instant within that range");
    }
    return seconds;
  }

  /**
   * {@code now} plus {@code ttl} to the millisecond, rounded up.
   *
   * @throws InvalidInputException if the expiry is at or after {@link #MAX_EPOCH_SECONDS}
   */
  public static Instant expiry(Instant now, Duration ttl) {
    Duration limit = Duration.ofSeconds(MAX_EPOCH_SECONDS - now.getEpochSecond());
    if (ttl.compareTo(limit) >= 0) {
      throw new InvalidInputException("TTL " + ttl + " reaches past the year 5138; the TTL"
          + " attribute holds epoch seconds, so such a TTL is refused (was it meant in"
          + " milliseconds or seconds?)");
    }
    long millis = ttl.toMillis() + (ttl.toNanosPart() % 1_000_000 != 0 ? 1 : 0);
    Instant expiry = Instant.ofEpochMilli(now.toEpochMilli() + millis);
    ttlValue(expiry);
    return expiry;
  }
}
