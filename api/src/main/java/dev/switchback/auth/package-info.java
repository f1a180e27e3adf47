/** See the types of this package. */
@NullMarked
package dev.switchback.auth;

import org.jspecify.annotations.NullMarked;
