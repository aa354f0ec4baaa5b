package io.lbc.rig;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lbc.aws.AwsService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * An AWS that fails: an HTTP proxy between the controller and moto that, as configured at run time,
 * answers a share of calls (per operation, or for all) with AWS's throttling error, with a 5xx, or
 * by dropping the connection, delays them, or fails the N-th write. It records every call it sees
 * (time, operation, outcome), so a test can count calls and check their rate.
 *
 * <pre>{@code
 * try (var proxy = FaultProxy.start(rig.motoUrl())) {
 *   proxy.setDefault(FaultProxy.Faults.none().throttling(0.3).serverErrors(0.05));
 *   InProcessController.start(rig, aws, vpcId, ns, proxy.endpointsFlag());
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {
  /** What happened to one call. */
  public enum Outcome {
    FORWARDED,
    THROTTLED,
    SERVER_ERROR,
    DROPPED
  }

  /** One call as the proxy saw it. */
  public record Call(long nanoTime, String operation, Outcome outcome) {}

  /**
   * Faults for calls: shares (0..1) answered with throttling, with a 5xx, or dropped, and a delay
   * before the call is forwarded.
   */
  public record Faults(double throttling, double serverErrors, double drops, Duration delay) {
    public static Faults none() {
      return new Faults(0, 0, 0, Duration.ZERO);
    }

    public Faults throttling(double share) {
      return new Faults(share, serverErrors, drops, delay);
    }

    public Faults serverErrors(double share) {
      return new Faults(throttling, share, drops, delay);
    }

    public Faults drops(double share) {
      return new Faults(throttling, serverErrors, share, delay);
    }

    public Faults delay(Duration by) {
      return new Faults(throttling, serverErrors, drops, by);
    }
  }

  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding");

  private final URI upstream;
  private final HttpServer server;
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final AtomicReference<Faults> defaults = new AtomicReference<>(Faults.none());
  private final Map<String, Faults> byOperation = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Random random;
  private final AtomicInteger writes = new AtomicInteger();
  private volatile int failWrite = -1;
  private final AtomicInteger hookWrites = new AtomicInteger();
  private volatile int hookWrite = -1;
  private volatile Runnable afterHookWrite = () -> {};

  private FaultProxy(URI upstream, long seed) throws IOException {
    this.upstream = upstream;
    this.random = new Random(seed);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(workers);
    server.start();
  }

  public static FaultProxy start(URI moto) {
    return start(moto, 42);
  }

  /**
   * @param seed of the random choice of the calls that fail, so runs are repeatable
   */
  public static FaultProxy start(URI moto, long seed) {
    try {
      return new FaultProxy(moto, seed);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The value of {@code --aws-api-endpoints} that sends every service through this proxy. */
  public String endpointsFlag() {
    return "--aws-api-endpoints="
        + Arrays.stream(AwsService.values())
            .map(s -> s.serviceId() + "=" + url())
            .collect(Collectors.joining(","));
  }

  /** Faults for every operation that has none of its own. */
  public FaultProxy setDefault(Faults faults) {
    defaults.set(faults);
    return this;
  }

  public FaultProxy setFaults(String operation, Faults faults) {
    byOperation.put(operation, faults);
    return this;
  }

  /** Answers the {@code n}-th write from now (1 = the next) with a 500; other calls pass. */
  public FaultProxy failNthWrite(int n) {
    writes.set(0);
    failWrite = n;
    return this;
  }

  /**
   * Forwards the {@code n}-th write from now (1 = the next) to moto and, once moto has answered but
   * before the caller gets the answer, runs {@code action} (e.g. kills the calling process): the
   * write took effect, the caller never learns it did.
   */
  public FaultProxy afterNthWrite(int n, Runnable action) {
    hookWrites.set(0);
    afterHookWrite = action;
    hookWrite = n;
    return this;
  }

  public FaultProxy clearFaults() {
    defaults.set(Faults.none());
    byOperation.clear();
    failWrite = -1;
    hookWrite = -1;
    return this;
  }

  /** The writes moto received (forwarded by the proxy) so far. */
  public long forwardedWrites() {
    return calls.stream()
        .filter(c -> c.outcome() == Outcome.FORWARDED && InProcessController.isWrite(c.operation()))
        .count();
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public void forgetCalls() {
    calls.clear();
  }

  /**
   * The most calls the proxy saw in any window of {@code window} (sliding over each call's time).
   */
  public static int maxCallsInWindow(List<Call> calls, Duration window) {
    long[] times = calls.stream().mapToLong(Call::nanoTime).sorted().toArray();
    int best = 0;
    int start = 0;
    for (int end = 0; end < times.length; end++) {
      while (times[end] - times[start] >= window.toNanos()) {
        start++;
      }
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String operation = operation(exchange, body);
      Faults faults = byOperation.getOrDefault(operation, defaults.get());
      if (!faults.delay().isZero()) {
        Thread.sleep(faults.delay().toMillis());
      }
      Outcome outcome = choose(operation, faults);
      Runnable after = outcome == Outcome.FORWARDED ? claimHook(operation) : null;
      calls.add(new Call(System.nanoTime(), operation, outcome));
      switch (outcome) {
        case DROPPED -> {
          // closing without a response: the client sees the connection drop
          return;
        }
        case THROTTLED -> answerError(exchange, operation, true);
        case SERVER_ERROR -> answerError(exchange, operation, false);
        case FORWARDED -> forward(exchange, body, after);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The action to run after this write when it is the one {@link #afterNthWrite} waits for. */
  private synchronized Runnable claimHook(String operation) {
    if (InProcessController.isWrite(operation) && hookWrite > 0) {
      if (hookWrites.incrementAndGet() == hookWrite) {
        hookWrite = -1;
        return afterHookWrite;
      }
    }
    return null;
  }

  private synchronized Outcome choose(String operation, Faults faults) {
    if (InProcessController.isWrite(operation) && failWrite > 0) {
      if (writes.incrementAndGet() == failWrite) {
        failWrite = -1;
        return Outcome.SERVER_ERROR;
      }
    }
    double roll = random.nextDouble();
    if (roll < faults.throttling()) {
      return Outcome.THROTTLED;
    }
    roll -= faults.throttling();
    if (roll < faults.serverErrors()) {
      return Outcome.SERVER_ERROR;
    }
    roll -= faults.serverErrors();
    if (roll < faults.drops()) {
      return Outcome.DROPPED;
    }
    return Outcome.FORWARDED;
  }

  /**
   * The operation: the {@code X-Amz-Target} header of JSON protocols (ACM, WAFv2, Shield, tagging)
   * or the {@code Action} form field of query protocols (ELBv2, EC2, STS).
   */
  static String operation(HttpExchange exchange, byte[] body) {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (target != null) {
      return target.substring(target.indexOf('.') + 1);
    }
    String form = new String(body, StandardCharsets.UTF_8);
    String query = exchange.getRequestURI().getRawQuery();
    for (String source : new String[] {form, query == null ? "" : query}) {
      for (String field : source.split("&")) {
        if (field.startsWith("Action=")) {
          return URLDecoder.decode(field.substring(7), StandardCharsets.UTF_8);
        }
      }
    }
    return "?";
  }

  /** AWS's error shapes: EC2's Response/Errors, ELBv2's ErrorResponse, JSON's __type. */
  private static void answerError(HttpExchange exchange, String operation, boolean throttling)
      throws IOException {
    boolean json = exchange.getRequestHeaders().getFirst("X-Amz-Target") != null;
    boolean ec2 = isEc2(exchange);
    String code;
    int status;
    if (throttling) {
      code = ec2 ? "RequestLimitExceeded" : json ? "ThrottlingException" : "Throttling";
      status = ec2 ? 503 : 400;
    } else {
      code = ec2 ? "InternalError" : json ? "InternalFailure" : "InternalFailure";
      status = 500;
    }
    String message = throttling ? "Rate exceeded" : "We encountered an internal error.";
    String payload;
    String type;
    if (json) {
      type = "application/x-amz-json-1.1";
      payload = "{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}";
    } else if (ec2) {
      type = "text/xml";
      payload =
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>"
              + code
              + "</Code><Message>"
              + message
              + "</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>";
    } else {
      type = "text/xml";
      payload =
          "<ErrorResponse><Error><Type>"
              + (throttling ? "Sender" : "Receiver")
              + "</Type><Code>"
              + code
              + "</Code><Message>"
              + message
              + "</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>";
    }
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** EC2's requests are signed for the ec2 service. */
  private static boolean isEc2(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    return auth != null && auth.contains("/ec2/aws4_request");
  }

  private void forward(HttpExchange exchange, byte[] body, Runnable after)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
            .timeout(Duration.ofSeconds(60))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
              }
            });
    HttpResponse<InputStream> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))
                  && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, new ArrayList<>(values));
              }
            });
    byte[] answer;
    try (InputStream in = response.body()) {
      answer = in.readAllBytes();
    }
    if (after != null) {
      after.run();
    }
    exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
