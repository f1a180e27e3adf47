/** See the types of this package. */
@NullMarked
package dev.switchback.internal;

import org.jspecify.annotations.NullMarked;
