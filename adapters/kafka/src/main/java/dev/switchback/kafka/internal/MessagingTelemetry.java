package dev.switchback.kafka.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchback.messaging.Message;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Spans and trace context of Kafka messaging, with OpenTelemetry's messaging conventions: a
 * {@code PRODUCER} span {@code send <topic>} around each publish whose context travels in the
 * record's headers, and a {@code CONSUMER} span {@code process <topic>} around each handler
 * attempt, a child of the publisher's context and current while the handler runs.
 */
public final class MessagingTelemetry {
  private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
  private static final AttributeKey<String> DESTINATION =
      AttributeKey.stringKey("messaging.destination.name");
  private static final AttributeKey<String> OPERATION_TYPE =
      AttributeKey.stringKey("messaging.operation.type");
  private static final AttributeKey<String> OPERATION_NAME =
      AttributeKey.stringKey("messaging.operation.name");
  private static final AttributeKey<String> MESSAGE_ID =
      AttributeKey.stringKey("messaging.message.id");
  private static final AttributeKey<String> KAFKA_KEY =
      AttributeKey.stringKey("messaging.kafka.message.key");
  private static final AttributeKey<String> GROUP =
      AttributeKey.stringKey("messaging.consumer.group.name");
  private static final AttributeKey<String> PARTITION =
      AttributeKey.stringKey("messaging.destination.partition.id");
  private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
  private static final AttributeKey<Long> ATTEMPT =
      AttributeKey.longKey("messaging.switchback.attempt");

  private static final TextMapSetter<Headers> SETTER =
      (headers, name, value) -> {
        if (headers != null) {
          headers.remove(name);
          headers.add(name, value.getBytes(UTF_8));
        }
      };

  private static final TextMapGetter<Headers> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
          List<String> names = new ArrayList<>();
          for (Header header : headers) {
            names.add(header.key());
          }
          return names;
        }

        @Override
        public @Nullable String get(@Nullable Headers headers, String name) {
          Header header = headers == null ? null : headers.lastHeader(name);
          return header == null || header.value() == null
              ? null
              : new String(header.value(), UTF_8);
        }
      };

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final Set<String> fields;
  private final boolean off;

  /**
   * Spans from {@code openTelemetry}'s tracer, context with its propagators; none at all, at no
   * cost per message, when it is {@link OpenTelemetry#noop()}.
   */
  public MessagingTelemetry(OpenTelemetry openTelemetry) {
    this.off = openTelemetry == OpenTelemetry.noop();
    this.tracer = openTelemetry.getTracer("dev.switchback.kafka");
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    this.fields = Set.copyOf(propagator.fields());
  }

  /** The header names trace context travels in, which delivered messages do not show. */
  public Set<String> propagationFields() {
    return fields;
  }

  /**
   * Starts the span of publishing {@code message} to {@code topic}, a child of {@code caller}
   * (the context the publish was called in), and writes its context into {@code headers}.
   */
  public Span startSend(Context caller, String topic, Message message, Headers headers) {
    if (off) {
      return Span.getInvalid();
    }
    var builder =
        tracer
            .spanBuilder("send " + topic)
            .setParent(caller)
            .setSpanKind(SpanKind.PRODUCER)
            .setAttribute(SYSTEM, "kafka")
            .setAttribute(DESTINATION, topic)
            .setAttribute(OPERATION_TYPE, "send")
            .setAttribute(OPERATION_NAME, "send")
            .setAttribute(MESSAGE_ID, message.id());
    if (message.key() != null) {
      builder.setAttribute(KAFKA_KEY, message.key());
    }
    Span span = builder.startSpan();
    propagator.inject(caller.with(span), headers, SETTER);
    return span;
  }

  /**
   * Starts the span of one handler attempt on {@code record}, a child of the context its headers
   * carry (or of none).
   */
  public Span startProcess(
      ConsumerRecord<byte[], byte[]> record, Message message, String group, int attempt) {
    Context parent = propagator.extract(Context.root(), record.headers(), GETTER);
    return tracer
        .spanBuilder("process " + record.topic())
        .setParent(parent)
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute(SYSTEM, "kafka")
        .setAttribute(DESTINATION, record.topic())
        .setAttribute(OPERATION_TYPE, "process")
        .setAttribute(OPERATION_NAME, "process")
        .setAttribute(MESSAGE_ID, message.id())
        .setAttribute(GROUP, group)
        .setAttribute(PARTITION, Integer.toString(record.partition()))
        .setAttribute(OFFSET, record.offset())
        .setAttribute(ATTEMPT, (long) attempt)
        .startSpan();
  }

  /** Ends {@code span}, marked as an error with {@code failure} if there is one. */
  public static void end(Span span, @Nullable Throwable failure) {
    if (failure != null) {
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }
}
