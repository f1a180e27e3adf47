package dev.switchback.samples.orders;

import java.time.Instant;

/**
 * An order as stored and served.
 *
 * @param id a random UUID, also the id of its {@code order-created} message
 * @param item what was ordered
 * @param quantity how many
 * @param customer the subject of the session that placed it
 * @param createdAt when it was accepted
 */
public record Order(String id, String item, int quantity, String customer, Instant createdAt) {}
