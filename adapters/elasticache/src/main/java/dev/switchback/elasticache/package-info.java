/**
 * ElastiCache (Redis OSS or Valkey) backends: the Redis module's cache and session store over a
 * connection with TLS, an AUTH token or IAM authentication, and cluster mode ({@link
 * dev.switchback.elasticache.ElastiCacheConnections}), configured by {@link
 * dev.switchback.elasticache.ElastiCacheConfig}.
 */
@NullMarked
package dev.switchback.elasticache;

import org.jspecify.annotations.NullMarked;
