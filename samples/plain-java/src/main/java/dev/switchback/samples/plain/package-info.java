/** A small HTTP service on Switchback's neutral interfaces, runnable with no external servers. */
@NullMarked
package dev.switchback.samples.plain;

import org.jspecify.annotations.NullMarked;
