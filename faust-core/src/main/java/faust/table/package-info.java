/**
 * Tables: partitioned key/value state that survives crashes (Faust's {@code app.Table}). A table
 * is read and written like a map inside an agent; each write goes to the table's compacted
 * changelog topic {@code {app_id}-{table}-changelog}, to the partition of the event being
 * processed, and a worker that takes a partition over rebuilds it from that changelog before
 * its agents see the partition's events. See {@code docs/tables.md}.
 */
@NullMarked
package faust.table;

import org.jspecify.annotations.NullMarked;
