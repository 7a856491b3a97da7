package fi.mentoringledger.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A service started from its built jar as a separate operating-system process on a free port, as
 * production runs it: a test can stop it (SIGTERM) or kill it (SIGKILL: no shutdown hook, no
 * finished batch, exactly like a crash). {@link #start} returns once its health answers 200.
 * The jar is named by its path, so that this module depends on no service.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final String name;
    private final int port;
    private final String base;
    private final Path log;

    private ServiceProcess(Process process, String name, int port, Path log) {
        this.process = process;
        this.name = name;
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
        this.log = log;
    }

    /** How to start one: the jar, what the messages call it, where its output goes. */
    public static Launch jar(Path jar, String name, Path log) {
        return new Launch(jar, name, log);
    }

    public static final class Launch {

        private final Path jar;
        private final String name;
        private final Path log;
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> arguments = new ArrayList<>();
        private boolean appendLog;
        private Duration startWithin = Duration.ofMinutes(3);

        private Launch(Path jar, String name, Path log) {
            this.jar = jar;
            this.name = name;
            this.log = log;
        }

        /** Options of the JVM ({@code -Xmx384m}), before {@code -jar}. */
        public Launch jvmOptions(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /** The application's arguments ({@code --name=value}), after {@code --server.port}. */
        public Launch arguments(List<String> more) {
            arguments.addAll(more);
            return this;
        }

        /** Keeps the earlier output in the log (a service restarted under the same name) instead of replacing it. */
        public Launch appendingToLog() {
            appendLog = true;
            return this;
        }

        public Launch startWithin(Duration bound) {
            startWithin = bound;
            return this;
        }

        public ServiceProcess start() {
            int port = Ports.freePort();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
            command.addAll(arguments);
            try {
                Files.createDirectories(log.toAbsolutePath().getParent());
                Process process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile())
                                : ProcessBuilder.Redirect.to(log.toFile()))
                        .start();
                // A test JVM that dies leaves no service behind.
                Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-" + name));
                ServiceProcess service = new ServiceProcess(process, name, port, log);
                try {
                    service.awaitHealthy(startWithin);
                } catch (AssertionError | RuntimeException e) {
                    service.close();
                    throw e;
                }
                return service;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public int port() {
        return port;
    }

    public String base() {
        return base;
    }

    /** A client of this service, signed in as the tests' admin. */
    public ServiceClient client() {
        return ServiceClient.of(base);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the JVM gets no chance to finish anything. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the " + name + " " + pid() + " did not die of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A normal stop (SIGTERM), or SIGKILL if it does not stop in time. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the health answers 200; otherwise names why, and where the log is. */
    private void awaitHealthy(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("the " + name + " stopped while starting; see " + log.toAbsolutePath());
                }
                try {
                    if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                process.waitFor(250, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new AssertionError("the " + name + " did not become healthy within " + bound + "; see "
                + log.toAbsolutePath());
    }
}
