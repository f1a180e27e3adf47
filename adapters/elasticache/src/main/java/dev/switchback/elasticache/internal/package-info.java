/** Pieces of the ElastiCache backends with no compatibility promise. */
@NullMarked
package dev.switchback.elasticache.internal;

import org.jspecify.annotations.NullMarked;
