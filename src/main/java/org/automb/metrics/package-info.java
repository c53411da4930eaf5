/**
 * The application's own Prometheus meters ({@code automb_*}), registered on Camel's Micrometer registry beside its
 * route metrics and read from the sources {@code --status} and the API read (the job store's book runs and job
 * states, the notification counters, the folders' file systems), so their totals agree.
 */
package org.automb.metrics;
