package faust.bench.e2e;

import faust.bench.e2e.Options.Mode;
import faust.bench.e2e.Options.SystemKind;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one measured run.
 *
 * @param contender the system (and faust-java variant)
 * @param mode the guarantee
 * @param messages input messages
 * @param seconds from just before the system started until the verifier held every output
 * @param firstToLastSeconds from the first output read until the last missing one was read
 * @param outputs records read from the output topic (including duplicates and late ones)
 * @param distinct distinct valid outputs
 * @param invalid outputs that were not the transform of an input
 * @param clientCpuSeconds CPU time of this JVM (the system under test, plus the verifier) during the timed part
 * @param brokerCpuSeconds CPU time of the broker's child JVM during the timed part, NaN when in-process
 * @param jitCpuSeconds CPU time of the JIT compiler threads of this JVM and the broker's during the
 *     timed part (NaN where {@code /proc} does not exist): large when the run was not at steady state
 * @param load1 the 1-minute load average when the run started
 * @param error why the run failed, or null when every output arrived
 */
record Result(Contender contender, Mode mode, long messages, double seconds, double firstToLastSeconds, long outputs,
              long distinct, long invalid,
              double clientCpuSeconds, double brokerCpuSeconds, double jitCpuSeconds, double load1,
              @Nullable String error) {

    /** @return the system */
    SystemKind system() {
        return contender.kind();
    }

    /** @return whether every output arrived and none was malformed */
    boolean ok() {
        return error == null && distinct == messages && invalid == 0;
    }

    /** @return messages per second over the whole run, or NaN when it failed */
    double rate() {
        return ok() ? messages / seconds : Double.NaN;
    }

    /** @return messages per second between the first and the last output, or NaN */
    double steadyRate() {
        return ok() && firstToLastSeconds > 0 ? messages / firstToLastSeconds : Double.NaN;
    }

    /** @return CPU microseconds per message in this JVM (system under test plus verifier) */
    double clientCpuMicrosPerMessage() {
        return clientCpuSeconds * 1e6 / messages;
    }

    /** @return CPU microseconds per message in the broker's JVM, NaN when in-process */
    double brokerCpuMicrosPerMessage() {
        return brokerCpuSeconds * 1e6 / messages;
    }

    /** @return CPU microseconds per message spent compiling (JIT) in this JVM and the broker's */
    double jitCpuMicrosPerMessage() {
        return jitCpuSeconds * 1e6 / messages;
    }

    /**
     * @return CPU microseconds per message in all (this JVM and the broker's) less the JIT
     *     compilers': what one message cost the machine, which sets the rate once the CPUs are
     *     saturated. Without a broker JVM (in-process) or {@code /proc}, that part counts as 0.
     */
    double workCpuMicrosPerMessage() {
        double broker = Double.isNaN(brokerCpuSeconds) ? 0 : brokerCpuSeconds;
        double jit = Double.isNaN(jitCpuSeconds) ? 0 : jitCpuSeconds;
        return (clientCpuSeconds + broker - jit) * 1e6 / messages;
    }

    /** @return outputs read more than once */
    long duplicates() {
        return outputs - distinct - invalid;
    }

    /** @return inputs whose output never arrived */
    long missing() {
        return messages - distinct;
    }
}
