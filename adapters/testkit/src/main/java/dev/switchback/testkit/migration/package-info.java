/**
 * Contract suites run through a configured migration: the same Cache, Sessions and Messaging
 * suites every adapter passes, run against {@code Switchback.fromConfig} with a migration between
 * two real backends, once in every stage; fault suites that break either backend of a pair; and
 * the messaging history ({@link dev.switchback.testkit.migration.MessagingMigrationHistoryContract}),
 * random stage moves with backend faults, checked for loss and for duplicate handling.
 */
@NullMarked
package dev.switchback.testkit.migration;

import org.jspecify.annotations.NullMarked;
