package io.lbc.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lbc.config.BindAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** A small HTTP server for {@code /metrics} or the {@code /healthz} and {@code /readyz} probes. */
public final class HttpEndpointServer implements AutoCloseable {
  private final HttpServer server;

  private HttpEndpointServer(HttpServer server) {
    this.server = server;
  }

  public static HttpEndpointServer metrics(BindAddress address, ControllerMetrics metrics) {
    HttpEndpointServer endpoint = open(address);
    endpoint.server.createContext(
        "/metrics",
        exchange ->
            respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
    return endpoint.start();
  }

  /**
   * {@code /healthz} answers while the process serves; {@code /readyz} answers 200 once {@code
   * ready} says so.
   */
  public static HttpEndpointServer probes(
      BindAddress address, BooleanSupplier live, BooleanSupplier ready) {
    HttpEndpointServer endpoint = open(address);
    endpoint.server.createContext("/healthz", exchange -> probe(exchange, live::getAsBoolean));
    endpoint.server.createContext("/readyz", exchange -> probe(exchange, ready::getAsBoolean));
    return endpoint.start();
  }

  /** The address actually bound, which differs from the requested one for port 0. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static HttpEndpointServer open(BindAddress address) {
    try {
      HttpServer server = HttpServer.create(address.toSocketAddress(), 16);
      server.setExecutor(
          Executors.newSingleThreadExecutor(daemonThreads("http-" + address.port())));
      return new HttpEndpointServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address, e);
    }
  }

  private HttpEndpointServer start() {
    server.start();
    return this;
  }

  private static void probe(HttpExchange exchange, Supplier<Boolean> check) throws IOException {
    boolean ok = check.get();
    respond(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok" : "not ready");
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
