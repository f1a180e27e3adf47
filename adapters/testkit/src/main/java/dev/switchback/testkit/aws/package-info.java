/**
 * Protocol-level fakes of AWS control-plane services that have no local emulator, answering the
 * real AWS SDK clients (pointed at them by endpoint override) in the services' own wire
 * protocols: {@link dev.switchback.testkit.aws.FakeSecretsManager}.
 */
@NullMarked
package dev.switchback.testkit.aws;

import org.jspecify.annotations.NullMarked;
