/** The ElastiCache cache provider. */
@NullMarked
package dev.switchback.elasticache.cache;

import org.jspecify.annotations.NullMarked;
