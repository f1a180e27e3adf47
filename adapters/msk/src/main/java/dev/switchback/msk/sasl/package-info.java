/**
 * SASL callback handlers the Kafka clients instantiate by class name ({@code
 * sasl.client.callback.handler.class}): they hand each handshake the credentials of the running
 * Switchback instance, passed to them as objects in the client configuration.
 */
@NullMarked
package dev.switchback.msk.sasl;

import org.jspecify.annotations.NullMarked;
