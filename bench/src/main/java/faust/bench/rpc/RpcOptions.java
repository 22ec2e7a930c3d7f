package faust.bench.rpc;

import faust.agent.ReplyForm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The command line of {@link RpcBenchmark}.
 *
 * @param asks asks per round
 * @param askers the numbers of concurrent askers, one round each
 * @param forms the reply forms, one app each
 * @param brokerJvmOptions JVM options of the broker's child JVM
 * @param faustSettings extra faust-java settings by Faust name
 * @param warmupPasses unreported passes over every number of askers before the measured ones
 * @param raw whether to end with the plain kafka-clients ping-pong, the floor under one ask
 */
record RpcOptions(int asks, List<Integer> askers, List<ReplyForm> forms, List<String> brokerJvmOptions,
                  Map<String, String> faustSettings, int warmupPasses, boolean raw) {
    static final String USAGE = """
            usage: bench/rpc [options]
              --asks N            asks per round (default 10000); a warm-up round of the same size runs first
              --askers A,B,...    numbers of concurrent askers, one round each (default 1,8,64)
              --forms F,...       reply forms: headers, envelope (default headers,envelope)
              --broker-jvm OPTS   JVM options of the broker's child JVM (default "-Xmx1g -XX:+UseParallelGC")
              --faust KEY=VALUE   a faust-java setting, by Faust name (repeatable)
              --warmup-passes N   unreported passes over every number of askers first, for the JIT (default 2; 0 for none)
              --no-raw            skip the plain kafka-clients ping-pong (one request at a time), the floor under one ask
              --help              this text""";

    /**
     * @param args the command line
     * @return the options, or null when help was asked for
     * @throws IllegalArgumentException naming the option that is wrong
     */
    static @Nullable RpcOptions parse(String[] args) {
        int asks = 10_000;
        List<Integer> askers = List.of(1, 8, 64);
        List<ReplyForm> forms = List.of(ReplyForm.HEADERS, ReplyForm.ENVELOPE);
        List<String> brokerJvm = List.of("-Xmx1g", "-XX:+UseParallelGC");
        Map<String, String> faust = new LinkedHashMap<>();
        int warmup = 2;
        boolean raw = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                return null;
            }
            if (a.equals("--no-raw")) {
                raw = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value; see --help");
            }
            String v = args[++i];
            switch (a) {
                case "--asks" -> asks = positive(a, v);
                case "--warmup-passes" -> warmup = v.equals("0") ? 0 : positive(a, v);
                case "--askers" -> {
                    List<Integer> l = new ArrayList<>();
                    for (String s : v.split(",")) {
                        l.add(positive(a, s.trim()));
                    }
                    askers = List.copyOf(l);
                }
                case "--forms" -> {
                    List<ReplyForm> l = new ArrayList<>();
                    for (String s : v.split(",")) {
                        try {
                            l.add(ReplyForm.valueOf(s.trim().toUpperCase(Locale.ROOT)));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("--forms: '" + s + "' is not headers or envelope", e);
                        }
                    }
                    forms = List.copyOf(l);
                }
                case "--broker-jvm" -> brokerJvm = List.of(v.trim().split("\\s+"));
                case "--faust" -> {
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--faust takes KEY=VALUE, got '" + v + "'");
                    }
                    faust.put(v.substring(0, eq), v.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + a + "; see --help");
            }
        }
        return new RpcOptions(asks, askers, forms, brokerJvm, Map.copyOf(faust), warmup, raw);
    }

    private static int positive(String option, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a positive whole number, got '" + v + "'");
    }
}
