package dev.switchback.kafka.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchback.InvalidInputException;
import dev.switchback.messaging.Message;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link Message} travels as a Kafka record: the key as the record key (UTF-8), the payload
 * as the value, the id in the header {@value #ID_HEADER} and every message header as a record
 * header (UTF-8). Trace context travels in headers of its own, added by the propagator.
 */
public final class KafkaRecords {

  /** The record header holding the message id. */
  public static final String ID_HEADER = "switchback-id";

  // Upper bounds of Kafka's record format v2: the batch header, then per record its length,
  // attributes, timestamp and offset deltas, key and value lengths, header count, and per header
  // two lengths. Each variable-length integer takes at most 5 bytes, a long at most 10.
  private static final int BATCH_OVERHEAD = 61;
  private static final int RECORD_OVERHEAD = 5 + 1 + 10 + 5 + 5 + 5 + 5;
  private static final int HEADER_OVERHEAD = 5 + 5;

  private KafkaRecords() {}

  /**
   * The record that carries {@code message} to {@code topic}.
   *
   * @throws InvalidInputException if a header is named {@value #ID_HEADER}, which holds the id
   */
  public static ProducerRecord<byte[], byte[]> toRecord(String topic, Message message) {
    if (message.headers().containsKey(ID_HEADER)) {
      throw new InvalidInputException("header " + ID_HEADER + " is reserved for the message id");
    }
    Headers headers = new RecordHeaders();
    message.headers().forEach((name, value) -> headers.add(name, value.getBytes(UTF_8)));
    headers.add(ID_HEADER, message.id().getBytes(UTF_8));
    byte[] key = message.key() == null ? null : message.key().getBytes(UTF_8);
    return new ProducerRecord<>(topic, null, key, message.payload(), headers);
  }

  /**
   * The message {@code record} carries. Its id is the {@value #ID_HEADER} header, or {@code
   * <topic>-<partition>-<offset>} for a record another producer wrote; its headers are the
   * record's, less the id and those named in {@code hidden} (trace context), the last value of a
   * repeated name winning.
   */
  public static Message toMessage(ConsumerRecord<byte[], byte[]> record, Set<String> hidden) {
    Header id = record.headers().lastHeader(ID_HEADER);
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      if (!header.key().equals(ID_HEADER) && !hidden.contains(header.key())) {
        headers.put(header.key(), text(header.value()));
      }
    }
    return new Message(
        id == null
            ? record.topic() + "-" + record.partition() + "-" + record.offset()
            : text(id.value()),
        record.key() == null ? null : text(record.key()),
        record.value() == null ? new byte[0] : record.value(),
        headers);
  }

  /**
   * An upper bound of the bytes {@code record} takes in a request, as the producer counts them
   * against {@code max.request.size}.
   */
  public static long sizeUpperBound(ProducerRecord<byte[], byte[]> record) {
    long size = BATCH_OVERHEAD + RECORD_OVERHEAD + length(record.key()) + length(record.value());
    for (Header header : record.headers()) {
      size += HEADER_OVERHEAD + Utils.utf8Length(header.key()) + length(header.value());
    }
    return size;
  }

  private static int length(byte @Nullable [] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  private static String text(byte @Nullable [] bytes) {
    return bytes == null ? "" : new String(bytes, UTF_8);
  }
}
