/**
 * AWS without AWS, for tests: protocol-level fakes of control-plane services that have no local
 * emulator, answering the real SDK clients (pointed at them by endpoint override) in the
 * services' own wire protocols ({@link dev.switchback.testkit.aws.FakeSecretsManager}), and SigV4
 * computed from the specification to check what the SDK signed ({@link
 * dev.switchback.testkit.aws.SigV4Presign}).
 */
@NullMarked
package dev.switchback.testkit.aws;

import org.jspecify.annotations.NullMarked;
