/** The neutral key-value {@link dev.switchback.cache.Cache} and its optional abilities. */
@NullMarked
package dev.switchback.cache;

import org.jspecify.annotations.NullMarked;
