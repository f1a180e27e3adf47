/**
 * Messaging on Amazon MSK ({@code switchback.messaging.backend=msk}): the Kafka adapter's
 * messaging over TLS, with SASL/SCRAM credentials from an AWS Secrets Manager secret ({@link
 * dev.switchback.msk.ScramSecret}) or SASL/IAM signed with the {@code switchback.aws.*}
 * credentials. {@link dev.switchback.msk.MskSettings} are the checked settings, {@link
 * dev.switchback.msk.MskClientProperties} the Kafka client properties they come to, {@link
 * dev.switchback.msk.MskSecurity} the connection with them, and {@link
 * dev.switchback.msk.MskMessaging} the messaging, which checks the login at start and reports
 * refusals as typed errors.
 */
@NullMarked
package dev.switchback.msk;

import org.jspecify.annotations.NullMarked;
