/**
 * Walking a source's keys page by page from a cursor: batches handed to a copier or comparer,
 * counted outcomes, checkpoints to a state file, a rate limit and a progress line.
 */
@NullMarked
package dev.switchback.cli.walk;

import org.jspecify.annotations.NullMarked;
