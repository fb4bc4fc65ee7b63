package dev.gradserve.bench;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH with its usual command line ({@code ./mvnw -Pbench test -Djmh.args="..."}), then prints issue 5's ratios
 * from the scores of that one run: each benchmark class's methods are measured in the same fork, so their ratio holds
 * even on a noisy machine where the absolute times do not.
 */
public final class Ratios {

    private Ratios() {}

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
        // benchmark class and parameters -> method -> mean ms/op
        Map<String, Map<String, Double>> scores = new TreeMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            int dot = benchmark.lastIndexOf('.');
            String owner = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
            String params = result.getParams().getParamsKeys().stream()
                    .map(key -> key + "=" + result.getParams().getParam(key)).reduce((a, b) -> a + " " + b).orElse("");
            scores.computeIfAbsent(owner + " " + params, k -> new TreeMap<>())
                    .put(benchmark.substring(dot + 1), result.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.println("Ratios of this run (goal in brackets):");
        scores.forEach((group, methods) -> {
            ratio(group, methods, "forwardBackward / gemmsOnly", m -> m.get("forwardBackward") / m.get("gemmsOnly"),
                    group.startsWith("MlpBenchmark") ? "≤ 1.25" : group.contains("cell=gru") ? "—" : "≤ 1.5",
                    "forwardBackward", "gemmsOnly");
            ratio(group, methods, "forwardBackward / gemmsThroughNd4j", m -> m.get("forwardBackward") / m.get("gemmsThroughNd4j"),
                    "—", "forwardBackward", "gemmsThroughNd4j");
            ratio(group, methods, "(parse + write) / compute", m -> (m.get("parse") + m.get("write")) / m.get("compute"),
                    group.contains("base64") ? "≤ 0.10" : "≤ 1.00", "parse", "write", "compute");
            ratio(group, methods, "step / stateless", m -> m.get("step") / m.get("stateless"),
                    group.contains("store=memory") ? "≤ 1.2" : "—", "step", "stateless");
        });
        scores.forEach((group, methods) -> {
            if (group.contains("store=redis") && methods.containsKey("step")) {
                Map<String, Double> memory = scores.get(group.replaceFirst("store=\\S+", "store=memory"));
                if (memory != null && memory.containsKey("step")) {
                    System.out.printf("  %-50s step with Redis − step in memory = %.2f ms  [≤ 2 ms]%n", group,
                            methods.get("step") - memory.get("step"));
                    if (methods.containsKey("transferOnly")) {
                        System.out.printf("  %-50s (Redis SET + GET of the session's bytes alone: %.2f ms)%n", group,
                                methods.get("transferOnly"));
                    }
                }
            }
        });
    }

    private static void ratio(String group, Map<String, Double> methods, String name,
            ToDoubleFunction<Map<String, Double>> formula, String goal, String... needed) {
        for (String method : needed) {
            if (!methods.containsKey(method)) {
                return;
            }
        }
        StringBuilder times = new StringBuilder();
        for (String method : needed) {
            times.append(String.format(" %s %.3f ms", method, methods.get(method)));
        }
        System.out.printf("  %-50s %s = %.2f  [%s]  (%s)%n", group, name, formula.applyAsDouble(methods), goal,
                times.toString().trim());
    }
}
