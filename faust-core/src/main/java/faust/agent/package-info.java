/** Agents: stream processors that are plain loops over a stream, with RPC and supervisors. */
@NullMarked
package faust.agent;

import org.jspecify.annotations.NullMarked;
