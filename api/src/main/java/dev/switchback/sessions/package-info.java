/** See the types of this package. */
@NullMarked
package dev.switchback.sessions;

import org.jspecify.annotations.NullMarked;
