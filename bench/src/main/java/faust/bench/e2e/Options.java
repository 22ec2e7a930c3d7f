package faust.bench.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command-line options of the end-to-end benchmark. The producer and commit settings are applied
 * the same way to every system (see {@link ClientSettings}).
 *
 * @param messages messages per measured run
 * @param partitions partitions of the input and output topics
 * @param valueSize bytes per value
 * @param systems systems to run, in order
 * @param modes processing guarantees to run, in order
 * @param warmup messages per warm-up run of each (system, mode), 0 for none
 * @param warmupRounds most warm-up rounds (one run of each system and mode per round); warm-up stops
 *     earlier, after two, once a round's runs spent little CPU in the JIT compilers
 * @param rounds measured runs of each (system, mode); the table shows the median
 * @param lingerMs producer {@code linger.ms} of every system
 * @param batchSize producer {@code batch.size} of every system
 * @param commitMsAlo commit interval in ms under at-least-once
 * @param commitMsEos commit (transaction) interval in ms under exactly-once
 * @param childJvm whether the broker runs in a child JVM
 * @param brokerJvmOptions JVM options of the broker's child JVM
 * @param timeoutSeconds longest wait for all outputs of one run
 * @param faustSettings extra faust-java settings (Faust names), applied after the shared ones
 * @param verbose print what each system counted about itself after each run
 * @param faustVariants extra faust-java runs, each with these settings on top ({@code --faust-variant})
 */
record Options(long messages, int partitions, int valueSize, List<SystemKind> systems, List<Mode> modes,
               long warmup, int warmupRounds, int rounds, int lingerMs, int batchSize, int commitMsAlo, int commitMsEos,
               boolean childJvm, List<String> brokerJvmOptions, int timeoutSeconds, Map<String, String> faustSettings,
               boolean verbose, List<Map<String, String>> faustVariants) {

    static final String USAGE = """
            usage: bench/e2e [options]
              --messages N        messages per run (default 1000000)
              --partitions P      partitions of the input and output topics (default 4)
              --size B            value size in bytes (default 100)
              --only LIST         systems, comma-separated: raw,streams,faust (default all)
              --modes LIST        alo,eos (default both)
              --warmup N          messages per warm-up run of each system and mode (default: as measured; 0 = none)
              --warmup-rounds K   most warm-up rounds (a run of each system and mode each); they stop after 2
                                  once the JIT compilers took <= 0.25 us/msg in every run of a round (default 8)
              --rounds R          measured runs per system and mode, in rotating order; the table shows the median (default 5)
              --linger-ms MS      producer linger.ms for every system (default 5)
              --batch-size B      producer batch.size for every system (default 65536)
              --commit-ms-alo MS  commit interval at-least-once, every system (default 1000)
              --commit-ms-eos MS  commit/transaction interval exactly-once, every system (default 100)
              --in-process        run the broker in this JVM (default: a child JVM)
              --broker-jvm OPTS   JVM options of the broker's child JVM (default "-Xmx1g -XX:+UseParallelGC")
              --timeout-s S       longest wait for the outputs of one run (default 120 + N/20000)
              --faust KEY=VALUE   extra faust-java setting (Faust name), repeatable
              --faust-variant K=V[,K=V]  also run faust-java with these settings, as an extra row (repeatable)
              --verbose           after each run, print what the system counted (faust: buffer-full pauses, commits)
                      and the client CPU per message of each group of threads
            """;

    /**
     * @param args command-line arguments
     * @return the options
     * @throws IllegalArgumentException naming the bad option and value
     */
    static Options parse(String... args) {
        long messages = 1_000_000;
        int partitions = 4;
        int size = 100;
        List<SystemKind> systems = List.of(SystemKind.values());
        List<Mode> modes = List.of(Mode.values());
        Long warmup = null;
        int warmupRounds = 8;
        int rounds = 5;
        int linger = 5;
        int batch = 65536;
        int commitAlo = 1000;
        int commitEos = 100;
        boolean child = true;
        List<String> brokerJvm = List.of("-Xmx1g", "-XX:+UseParallelGC");
        Integer timeout = null;
        Map<String, String> faust = new LinkedHashMap<>();
        boolean verbose = false;
        List<Map<String, String>> variants = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--messages" -> messages = positiveLong(a, value(args, ++i, a));
                case "--partitions" -> partitions = (int) positiveLong(a, value(args, ++i, a));
                case "--size" -> size = (int) positiveLong(a, value(args, ++i, a));
                case "--only" -> systems = SystemKind.parseList(value(args, ++i, a));
                case "--modes" -> modes = Mode.parseList(value(args, ++i, a));
                case "--warmup" -> warmup = nonNegativeLong(a, value(args, ++i, a));
                case "--warmup-rounds" -> warmupRounds = (int) positiveLong(a, value(args, ++i, a));
                case "--rounds" -> rounds = (int) positiveLong(a, value(args, ++i, a));
                case "--linger-ms" -> linger = (int) nonNegativeLong(a, value(args, ++i, a));
                case "--batch-size" -> batch = (int) positiveLong(a, value(args, ++i, a));
                case "--commit-ms-alo" -> commitAlo = (int) positiveLong(a, value(args, ++i, a));
                case "--commit-ms-eos" -> commitEos = (int) positiveLong(a, value(args, ++i, a));
                case "--in-process" -> child = false;
                case "--broker-jvm" -> brokerJvm = List.of(value(args, ++i, a).trim().split("\\s+"));
                case "--timeout-s" -> timeout = (int) positiveLong(a, value(args, ++i, a));
                case "--faust" -> keyValue(a, value(args, ++i, a), faust);
                case "--faust-variant" -> {
                    Map<String, String> v = new LinkedHashMap<>();
                    for (String kv : value(args, ++i, a).split(",")) {
                        keyValue(a, kv.trim(), v);
                    }
                    variants.add(Collections.unmodifiableMap(v));
                }
                case "--verbose" -> verbose = true;
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (size < Payload.MIN_SIZE) {
            throw new IllegalArgumentException("--size must be at least " + Payload.MIN_SIZE + " bytes, got " + size);
        }
        long w = warmup != null ? warmup : messages;
        int t = timeout != null ? timeout : (int) (120 + messages / 20_000);
        return new Options(messages, partitions, size, systems, modes, w, warmupRounds, rounds, linger, batch, commitAlo, commitEos,
                child, brokerJvm, t, Map.copyOf(faust), verbose, List.copyOf(variants));
    }

    /** @return the table rows in run order: each chosen system, and after faust-java its variants */
    List<Contender> contenders() {
        List<Contender> out = new ArrayList<>();
        for (SystemKind k : systems) {
            out.add(Contender.plain(k));
            if (k == SystemKind.FAUST) {
                faustVariants.forEach(v -> out.add(Contender.faustVariant(v)));
            }
        }
        return out;
    }

    /**
     * @param mode a processing guarantee
     * @return the commit interval in ms for it
     */
    int commitMs(Mode mode) {
        return mode == Mode.EOS ? commitMsEos : commitMsAlo;
    }

    private static void keyValue(String option, String kv, Map<String, String> into) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(option + " takes KEY=VALUE with a Faust setting name, got '" + kv
                    + "'; for example " + option + " broker_commit_every=100000");
        }
        into.put(kv.substring(0, eq), kv.substring(eq + 1));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long positiveLong(String option, String v) {
        long n = nonNegativeLong(option, v);
        if (n == 0) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + v);
        }
        return n;
    }

    private static long nonNegativeLong(String option, String v) {
        long n;
        try {
            n = Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, got '" + v + "'", e);
        }
        if (n < 0 || n > Integer.MAX_VALUE && !option.equals("--messages") && !option.equals("--warmup")) {
            throw new IllegalArgumentException(option + " is out of range: " + v);
        }
        return n;
    }

    /** The systems under test. */
    enum SystemKind {
        RAW("raw", "raw kafka-clients"),
        STREAMS("streams", "kafka-streams"),
        FAUST("faust", "faust-java");

        final String flag;
        final String label;

        SystemKind(String flag, String label) {
            this.flag = flag;
            this.label = label;
        }

        static List<SystemKind> parseList(String csv) {
            List<SystemKind> out = new ArrayList<>();
            for (String s : csv.split(",")) {
                String name = s.trim().toLowerCase(Locale.ROOT);
                SystemKind k = switch (name) {
                    case "raw", "kafka-clients" -> RAW;
                    case "streams", "kafka-streams", "ks" -> STREAMS;
                    case "faust", "faust-java" -> FAUST;
                    default -> throw new IllegalArgumentException("--only takes raw, streams and faust, got '" + s + "'");
                };
                if (!out.contains(k)) {
                    out.add(k);
                }
            }
            return List.copyOf(out);
        }
    }

    /** Processing guarantees. */
    enum Mode {
        ALO("alo"),
        EOS("eos");

        final String flag;

        Mode(String flag) {
            this.flag = flag;
        }

        static List<Mode> parseList(String csv) {
            List<Mode> out = new ArrayList<>();
            for (String s : csv.split(",")) {
                Mode m = switch (s.trim().toLowerCase(Locale.ROOT)) {
                    case "alo", "at_least_once" -> ALO;
                    case "eos", "exactly_once" -> EOS;
                    default -> throw new IllegalArgumentException("--modes takes alo and eos, got '" + s + "'");
                };
                if (!out.contains(m)) {
                    out.add(m);
                }
            }
            return List.copyOf(out);
        }
    }
}
