/**
 * Messaging on Amazon MSK: the Kafka adapter over TLS, with SASL/SCRAM credentials from AWS
 * Secrets Manager ({@link dev.switchback.msk.ScramSecret}) or SASL/IAM signed with the {@code
 * switchback.aws.*} credentials, as Kafka client properties ({@link
 * dev.switchback.msk.MskClientProperties}).
 */
@NullMarked
package dev.switchback.msk;

import org.jspecify.annotations.NullMarked;
