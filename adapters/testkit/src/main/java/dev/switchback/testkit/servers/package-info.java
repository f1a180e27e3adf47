/**
 * Real servers for tests: a running local one is reused, else one is started from local
 * binaries once per JVM and stopped when the JVM exits. No containers. Besides plain Redis and
 * Postgres: a TLS-only Redis with an ACL user ({@link LocalTlsRedis}), a Redis Cluster with
 * optional replicas ({@link LocalRedisCluster}), KRaft Kafka brokers, plaintext or SASL_SSL
 * ({@link LocalKafka}), throwaway certificate authorities ({@link TestCertificateAuthority}), and a
 * headless Chromium that runs Playwright scripts ({@link HeadlessChromium}).
 */
@NullMarked
package dev.switchback.testkit.servers;

import org.jspecify.annotations.NullMarked;
