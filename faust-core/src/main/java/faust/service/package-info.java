/**
 * Service lifecycle and scheduling: {@link faust.service.Service} with its state machine
 * ({@link faust.service.ServiceState}), background tasks, drift-corrected timers,
 * {@link faust.service.Crontab cron jobs}, on-leader guards and {@link faust.service.Diag diagnostic flags}.
 *
 * <p>This is the JVM counterpart of the {@code mode.Service} base class Faust builds on. Every
 * task, timer and cron job runs on its own named virtual thread.
 *
 * @see faust.service.Service
 */
@NullMarked
package faust.service;

import org.jspecify.annotations.NullMarked;
