package org.streamingetl.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the project's platform scripts (platform/stack.sh, platform/services.sh) against the stack under test. */
public final class Platform {

    private Platform() {
    }

    /** e.g. {@code run("services.sh", "kill", "clickhouse-sink")}; fails with the script's output when it fails. */
    public static String run(String script, String... args) throws IOException, InterruptedException {
        return run(java.util.Map.of(), script, args);
    }

    /** The same, with {@code env} added to the script's environment (e.g. a setting a service restarts with). */
    public static String run(java.util.Map<String, String> env, String script, String... args)
            throws IOException, InterruptedException {
        String dir = System.getProperty("pipeline.platform");
        List<String> command = new ArrayList<>(List.of("bash", Path.of(dir, script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within 180 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "):\n" + output);
        }
        return output;
    }

    /**
     * Runs {@code command} (e.g. {@code ./deploy.sh --local}) in the project's root folder, its output into
     * {@code target/<log>}; fails with the output's tail when it fails or outlasts {@code timeout}.
     */
    public static void runInHome(java.time.Duration timeout, String log, String... command)
            throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("pipeline.platform")).getParent();
        Path out = Path.of("target", log);
        Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        boolean finished = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        if (!finished || process.exitValue() != 0) {
            List<String> lines = java.nio.file.Files.readAllLines(out, StandardCharsets.UTF_8);
            throw new IllegalStateException(String.join(" ", command) + (finished ? " failed (" + process.exitValue()
                    + ")" : " did not finish within " + timeout.toSeconds() + " s") + "; the end of " + out + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        }
    }
}
