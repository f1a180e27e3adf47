/** The ElastiCache session store provider. */
@NullMarked
package dev.switchback.elasticache.sessions;

import org.jspecify.annotations.NullMarked;
