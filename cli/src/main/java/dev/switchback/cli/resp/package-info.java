/**
 * The Redis protocol side of copies and comparisons: {@code SCAN} over the source's keys, and
 * {@code DUMP}/{@code PTTL} then {@code RESTORE ... REPLACE} between two Redis-protocol stores
 * (Redis, ElastiCache), pipelined, byte-exact for every type.
 */
@NullMarked
package dev.switchback.cli.resp;

import org.jspecify.annotations.NullMarked;
