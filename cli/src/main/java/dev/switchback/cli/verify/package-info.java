/**
 * Comparing source and target through the neutral interfaces: every key or a random sample,
 * values equal and expiries within a tolerance.
 */
@NullMarked
package dev.switchback.cli.verify;

import org.jspecify.annotations.NullMarked;
