/**
 * Switchback: six neutral interfaces whose backends are chosen by configuration, and the
 * migration engine that moves one capability at a time from an old backend to a new one.
 *
 * <p>Start with {@link dev.switchback.Switchback#fromConfig()}. Every type in this module is
 * non-null unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.switchback;

import org.jspecify.annotations.NullMarked;
