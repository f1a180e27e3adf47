package dev.switchback.dynamodb;

import static dev.switchback.dynamodb.internal.SessionItems.n;
import static java.util.Objects.requireNonNull;

import dev.switchback.ConflictException;
import dev.switchback.dynamodb.internal.EpochSeconds;
import dev.switchback.dynamodb.internal.ItemSize;
import dev.switchback.dynamodb.internal.SessionItems;
import dev.switchback.sessions.Session;
import dev.switchback.sessions.SessionIds;
import dev.switchback.sessions.SessionInput;
import dev.switchback.sessions.spi.SessionStore;
import java.time.Instant;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * A {@link SessionStore} in a DynamoDB table, one item per session (layout in {@link
 * SessionItems}).
 *
 * <ul>
 *   <li><b>Reads</b> are strongly consistent ({@code ConsistentRead=true}), and an item past its
 *       expiry is never returned, although DynamoDB's TTL deletes it only eventually.
 *   <li><b>Create</b> writes with {@code attribute_not_exists(id)} (or the stored item expired), so
 *       it never overwrites a live session; a collision draws a new id, up to {@value
 *       #ID_ATTEMPTS} times, then fails with {@link ConflictException}.
 *   <li><b>Update and touch</b> read the session, then write it back on the condition that its
 *       version is still the one read and it has not expired; a failed condition is a {@link
 *       ConflictException} for update when the session is live with another version, and an
 *       empty result when it has gone. Touch re-reads and tries again, since it keeps the version.
 *   <li><b>Size</b>: DynamoDB's 400 KB item limit is checked before the call ({@link
 *       dev.switchback.TooLargeException}; nothing is written).
 *   <li><b>Expiry</b> is kept to the millisecond in {@code expires_ms} and, rounded up, in epoch
 *       seconds in the TTL attribute. A TTL or replicated expiry at or after the year 5138 is
 *       refused with {@link dev.switchback.InvalidInputException}: it is what milliseconds taken
 *       for seconds look like, and such an item would never be deleted.
 *   <li><b>Ids</b> come from {@link SessionIds}, as in every store. Messages never contain
 *       one.
 * </ul>
 *
 * <p>Closing stops new operations, lets started ones finish and closes the table's client.
 * Thread safe.
 */
public final class DynamoDbSessions implements SessionStore {


  /** How many ids create tries before it gives up on collisions: 3. */
  public static final int ID_ATTEMPTS = 3;

  /** How many times touch re-reads a session that changed under it: 8. */
  public static final int TOUCH_ATTEMPTS = 8;

  private static final String ABSENT_OR_EXPIRED = "attribute_not_exists(#id) OR #exp <= :now";
  private static final String UNCHANGED = "#v = :v AND #exp > :now";

  private final DynamoDbTable table;
  private final SessionItems items;
  private final Supplier<String> ids;

  private DynamoDbSessions(Builder builder) {
    this.table = builder.table;
    this.items = new SessionItems(table.ttlAttribute());
    this.ids = builder.ids;
  }

  /** A store on {@code table} with random ids. */
  public static DynamoDbSessions on(DynamoDbTable table) {
    return builder(table).build();
  }

  /** A builder for a store on {@code table}, which it owns and closes. */
  public static Builder builder(DynamoDbTable table) {
    return new Builder(table);
  }

  @Override
  public CompletionStage<Session> create(
      String subject, Map<String, String> attributes, Duration ttl) {
    return table.call("PutItem", () -> {
      SessionInput.requireSubject(subject);
      SessionInput.requireAttributes(attributes);
      SessionInput.requireTtl(ttl);
      Instant now = now();
      Session checked =
          new Session("-", subject, attributes, 1, now, EpochSeconds.expiry(now, ttl), ttl);
      ItemSize.requireFits("the session", items.item(withId(checked, ids.get())));
      return checked;
    }, draft -> {
      for (int attempt = 1; ; attempt++) {
        Session session = withId(draft, ids.get());
        try {
          table.client().putItem(r -> r.tableName(table.name())
              .item(items.item(session))
              .conditionExpression(ABSENT_OR_EXPIRED)
              .expressionAttributeNames(Map.of("#id", SessionItems.ID,
                  "#exp", SessionItems.EXPIRES_MS))
              .expressionAttributeValues(Map.of(":now", n(now().toEpochMilli()))));
          return session;
        } catch (ConditionalCheckFailedException taken) {
          if (attempt >= ID_ATTEMPTS) {
            throw new ConflictException("could not create a session: " + ID_ATTEMPTS
                + " new ids in a row were taken by live sessions");
          }
        }
      }
    });
  }

  @Override
  public CompletionStage<Optional<Session>> get(String id) {
    return table.call("GetItem", () -> SessionInput.requireId(id), this::read);
  }

  @Override
  public CompletionStage<Optional<Session>> update(
      String id, long expectedVersion, Map<String, String> attributes) {
    return table.call("UpdateItem", () -> {
      SessionInput.requireAttributes(attributes);
      return SessionInput.requireId(id);
    }, checked -> {
      Optional<Session> current = read(id);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      requireVersion(current.get(), expectedVersion);
      Session next = renewed(current.get(), attributes, expectedVersion + 1);
      if (replaceIfUnchanged(current.get(), next)) {
        return Optional.of(next);
      }
      Optional<Session> now = read(id);
      if (now.isEmpty()) {
        return Optional.empty();
      }
      throw conflict(now.get().version(), expectedVersion);
    });
  }

  @Override
  public CompletionStage<Optional<Session>> touch(String id) {
    return table.call("UpdateItem", () -> SessionInput.requireId(id), checked -> {
      for (int attempt = 1; ; attempt++) {
        Optional<Session> current = read(id);
        if (current.isEmpty()) {
          return Optional.empty();
        }
        Session next = renewed(current.get(), current.get().attributes(), current.get().version());
        if (replaceIfUnchanged(current.get(), next)) {
          return Optional.of(next);
        }
        if (attempt >= TOUCH_ATTEMPTS) {
          throw new ConflictException("the session changed under " + TOUCH_ATTEMPTS
              + " touches in a row; try again");
        }
      }
    });
  }

  @Override
  public CompletionStage<Boolean> delete(String id) {
    return table.call("DeleteItem", () -> SessionInput.requireId(id), checked -> {
      Map<String, AttributeValue> old = table.client().deleteItem(r -> r.tableName(table.name())
          .key(SessionItems.key(id))
          .returnValues(ReturnValue.ALL_OLD)).attributes();
      return !SessionItems.isAbsentAt(old, now());
    });
  }

  @Override
  public CompletionStage<Void> replicate(Session session) {
    // An expired session leaves no item behind: the check hands over none, and the call deletes.
    return table.call("PutItem", () -> {
      SessionInput.requireSession(session);
      if (session.isExpiredAt(now())) {
        return Map.<String, AttributeValue>of();
      }
      Map<String, AttributeValue> item = items.item(session);
      ItemSize.requireFits("the session", item);
      return item;
    }, item -> {
      if (item.isEmpty()) {
        table.client().deleteItem(r -> r.tableName(table.name())
            .key(SessionItems.key(session.id())));
      } else {
        table.client().putItem(r -> r.tableName(table.name()).item(item));
      }
      return null;
    });
  }

  /** Stops taking operations, lets started ones finish, and closes the table's client. */
  @Override
  public CompletionStage<Void> closeAsync() {
    return table.closeAsync();
  }

  @Override
  public String toString() {
    return "DynamoDbSessions[" + table + "]";
  }

  private Optional<Session> read(String id) {
    Map<String, AttributeValue> item = table.client().getItem(r -> r.tableName(table.name())
        .key(SessionItems.key(id))
        .consistentRead(true)).item();
    return SessionItems.isAbsentAt(item, now()) ? Optional.empty()
        : Optional.of(items.session(item));
  }

  /** Writes {@code next} if the stored item is still live at {@code current}'s version. */
  private boolean replaceIfUnchanged(Session current, Session next) {
    Map<String, AttributeValue> item = items.item(next);
    ItemSize.requireFits("the session", item);
    try {
      table.client().putItem(r -> r.tableName(table.name())
          .item(item)
          .conditionExpression(UNCHANGED)
          .expressionAttributeNames(Map.of("#v", SessionItems.VERSION,
              "#exp", SessionItems.EXPIRES_MS))
          .expressionAttributeValues(Map.of(":v", n(current.version()),
              ":now", n(now().toEpochMilli()))));
      return true;
    } catch (ConditionalCheckFailedException changed) {
      return false;
    }
  }

  private Session renewed(Session current, Map<String, String> attributes, long version) {
    return new Session(current.id(), current.subject(), attributes, version, current.createdAt(),
        EpochSeconds.expiry(now(), current.ttl()), current.ttl());
  }

  private static void requireVersion(Session current, long expected) {
    if (current.version() != expected) {
      throw conflict(current.version(), expected);
    }
  }

  private static ConflictException conflict(long actual, long expected) {
    return new ConflictException("session is at version " + actual + ", not the expected version "
        + expected + "; read it again and retry");
  }

  private static Session withId(Session draft, String id) {
    return new Session(id, draft.subject(), draft.attributes(), draft.version(),
        draft.createdAt(), draft.expiresAt(), draft.ttl());
  }

  private Instant now() {
    return table.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Settings of a {@link DynamoDbSessions}. */
  public static final class Builder {
    private final DynamoDbTable table;
    private Supplier<String> ids;

    private Builder(DynamoDbTable table) {
      this.table = requireNonNull(table, "table");
      if (SessionItems.RESERVED.contains(table.ttlAttribute())) {
        throw new IllegalArgumentException("the TTL attribute must not be one of the session's"
            + " own attributes " + SessionItems.RESERVED + ", got " + table.ttlAttribute());
      }
      this.ids = SessionIds::newId;
    }

    /**
     * Where new session ids come from; default {@link SessionIds#newId()}. For callers that make ids themselves, and tests of collisions.
     */
    public Builder ids(Supplier<String> ids) {
      this.ids = requireNonNull(ids, "ids");
      return this;
    }

    /** The store. */
    public DynamoDbSessions build() {
      return new DynamoDbSessions(this);
    }
  }
}
