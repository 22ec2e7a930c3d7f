package faust.bench.e2e;

import faust.bench.e2e.Options.Mode;
import faust.bench.e2e.Options.SystemKind;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints the result table and the ratio line (always the last line of the output). */
final class Report {
    private Report() {}

    /**
     * @param out where to print
     * @param results every measured run
     * @param options the options, for the order of rows
     */
    static void print(PrintStream out, List<Result> results, Options options) {
        out.println();
        out.println("| system | mode | runs | msgs/s (start to last output) | msgs/s (first to last output) | seconds "
                + "| client CPU us/msg | broker CPU us/msg | JIT CPU us/msg | duplicates | missing | load |");
        out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Mode mode : options.modes()) {
            for (Contender c : options.contenders()) {
                List<Result> runs = of(results, c, mode);
                if (runs.isEmpty()) {
                    continue;
                }
                Result med = median(runs);
                out.printf(Locale.ROOT, "| %s | %s | %d | %s | %s | %.2f | %.2f | %.2f | %.2f | %d | %d | %.2f |%n", c.label(),
                        mode.flag, runs.size(), med.ok() ? String.format(Locale.ROOT, "%,.0f", med.rate()) : "FAILED",
                        med.ok() ? String.format(Locale.ROOT, "%,.0f", med.steadyRate()) : "-", med.seconds(),
                        med.clientCpuMicrosPerMessage(), med.brokerCpuMicrosPerMessage(), med.jitCpuMicrosPerMessage(),
                        med.duplicates(), med.missing(),
                        med.load1());
                for (Result r : runs) {
                    if (r.error() != null) {
                        out.println("  " + c.label() + " " + mode.flag + " failed: " + r.error());
                    }
                }
            }
        }
        out.println();
        out.println(pairedLine(results));
        out.println(cpuLine(results));
        out.println(ratioLine(results));
    }

    /**
     * The same ratios from the CPU each message cost (clients, verifier and broker, less the JIT
     * compilers; the median over each system's runs), as the other system's cost over
     * faust-java's, so that, like the rate ratios, above 1 means faust-java is ahead. On a machine
     * whose CPUs the benchmark saturates, the rates follow these costs, and the costs vary far less
     * between runs than the rates do when other tenants share the host.
     *
     * @param results the measured runs
     * @return {@code by CPU per message (median, less JIT): faust/kafka-streams alo=<x> eos=<y> faust/raw alo=<z>}
     */
    static String cpuLine(List<Result> results) {
        return "by CPU per message (median, less JIT): " + threeRatios(results, Report::cpuRatio);
    }

    private static String cpuRatio(List<Result> results, SystemKind against, Mode mode) {
        double faust = medianWorkCpu(of(results, Contender.plain(SystemKind.FAUST), mode));
        double other = medianWorkCpu(of(results, Contender.plain(against), mode));
        double r = other / faust;
        return Double.isNaN(r) || Double.isInfinite(r) || r <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", r);
    }

    /** @return the median CPU per message of the runs that delivered every output, or NaN if none did */
    private static double medianWorkCpu(List<Result> runs) {
        List<Double> costs = new ArrayList<>();
        for (Result r : runs) {
            if (r.ok()) {
                costs.add(r.workCpuMicrosPerMessage());
            }
        }
        if (costs.isEmpty()) {
            return Double.NaN;
        }
        costs.sort(null);
        return costs.get((costs.size() - 1) / 2);
    }

    /**
     * The same ratios from the rounds instead of the medians: round k's faust-java run against round
     * k's run of the other system (run close together in time), combined by geometric mean. On a
     * machine that speeds up or slows down during a run, this follows the trend where the ratio of
     * medians does not. Failed runs leave their round out.
     *
     * @param results the measured runs, in the order they ran
     * @return {@code paired per round (geometric mean): faust/kafka-streams alo=<x> eos=<y> faust/raw alo=<z>}
     */
    static String pairedLine(List<Result> results) {
        return "paired per round (geometric mean): " + threeRatios(results, Report::paired);
    }

    /** How one ratio of faust-java to another system in one mode is computed from the runs. */
    @FunctionalInterface
    private interface Ratio {
        String of(List<Result> results, SystemKind against, Mode mode);
    }

    /** @return {@code faust/kafka-streams alo=<x> eos=<y> faust/raw alo=<z>}, each computed by {@code ratio} */
    private static String threeRatios(List<Result> results, Ratio ratio) {
        return "faust/kafka-streams alo=" + ratio.of(results, SystemKind.STREAMS, Mode.ALO)
                + " eos=" + ratio.of(results, SystemKind.STREAMS, Mode.EOS)
                + " faust/raw alo=" + ratio.of(results, SystemKind.RAW, Mode.ALO);
    }

    private static String paired(List<Result> results, SystemKind against, Mode mode) {
        List<Result> faust = of(results, Contender.plain(SystemKind.FAUST), mode);
        List<Result> other = of(results, Contender.plain(against), mode);
        double logSum = 0;
        int n = 0;
        for (int k = 0; k < Math.min(faust.size(), other.size()); k++) {
            Result f = faust.get(k);
            Result o = other.get(k);
            if (f.ok() && o.ok() && f.rate() > 0 && o.rate() > 0) {
                logSum += Math.log(f.rate() / o.rate());
                n++;
            }
        }
        return n == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", Math.exp(logSum / n));
    }

    /**
     * @param results the measured runs
     * @return {@code ratio faust/kafka-streams alo=<x> eos=<y> faust/raw alo=<z>}, {@code n/a} where
     *     a side is missing or failed
     */
    static String ratioLine(List<Result> results) {
        return "ratio " + threeRatios(results, Report::ratio);
    }

    private static String ratio(List<Result> results, SystemKind against, Mode mode) {
        List<Result> faust = of(results, Contender.plain(SystemKind.FAUST), mode);
        List<Result> other = of(results, Contender.plain(against), mode);
        if (faust.isEmpty() || other.isEmpty()) {
            return "n/a";
        }
        double r = median(faust).rate() / median(other).rate();
        return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.2f", r);
    }

    private static List<Result> of(List<Result> results, Contender contender, Mode mode) {
        List<Result> out = new ArrayList<>();
        for (Result r : results) {
            if (r.contender().equals(contender) && r.mode() == mode) {
                out.add(r);
            }
        }
        return out;
    }

    /** The run with the median rate; a failed run counts as slowest. */
    private static Result median(List<Result> runs) {
        List<Result> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Double.compare(a.ok() ? a.rate() : -1, b.ok() ? b.rate() : -1));
        return sorted.get((sorted.size() - 1) / 2);
    }
}
