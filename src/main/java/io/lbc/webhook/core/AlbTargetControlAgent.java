package io.lbc.webhook.core;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.lbc.k8s.AlbTargetControlConfigSpec;
import io.lbc.webhook.Denial;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The ALB target control agent sidecar of one pod, as the reference builds it: the
 * ALBTargetControlConfig's values, each overridable by a pod annotation {@code
 * elbv2.k8s.aws/alb-target-control-agent-*}. An override that is not valid refuses the pod, naming
 * the annotation.
 */
public final class AlbTargetControlAgent {
  public static final String CONTAINER = "alb-target-control-agent";
  public static final String INJECTED = "elbv2.k8s.aws/alb-target-control-agent-injected";

  static final String PREFIX = "elbv2.k8s.aws/alb-target-control-agent-";
  static final String IMAGE = PREFIX + "image";
  static final String DATA_ADDRESS = PREFIX + "data-address";
  static final String CONTROL_ADDRESS = PREFIX + "control-address";
  static final String DESTINATION_ADDRESS = PREFIX + "destination-address";
  static final String MAX_CONCURRENCY = PREFIX + "max-concurrency";
  static final String TLS_CERT_PATH = PREFIX + "tls-cert-path";
  static final String TLS_KEY_PATH = PREFIX + "tls-key-path";
  static final String TLS_SECURITY_POLICY = PREFIX + "tls-security-policy";
  static final String PROTOCOL_VERSION = PREFIX + "protocol-version";
  static final String RUST_LOG = PREFIX + "rust-log";
  static final String CPU_REQUEST = PREFIX + "cpu-request";
  static final String CPU_LIMIT = PREFIX + "cpu-limit";
  static final String MEMORY_REQUEST = PREFIX + "memory-request";
  static final String MEMORY_LIMIT = PREFIX + "memory-limit";

  private static final Pattern IPV4 =
      Pattern.compile(
          "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
  private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]+$");

  /** A Kubernetes quantity: a decimal number with an optional suffix or exponent. */
  private static final Pattern QUANTITY =
      Pattern.compile(
          "^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?(\\d+(\\.\\d*)?|\\.\\d+)))?$");

  private AlbTargetControlAgent() {}

  /** The sidecar for a pod with these annotations; throws {@link Denial} on an invalid one. */
  public static Container container(AlbTargetControlConfigSpec config, Map<String, String> pod) {
    String image = pod.getOrDefault(IMAGE, config.image);
    String maxConcurrency =
        String.valueOf(config.maxConcurrency == null ? 0 : config.maxConcurrency);
    if (pod.containsKey(MAX_CONCURRENCY)) {
      // as a number, as the reference writes it ("+07" is 7)
      maxConcurrency =
          String.valueOf(
              Integer.parseInt(
                  valid(pod, MAX_CONCURRENCY, AlbTargetControlAgent::concurrency, "0-1000")));
    }
    String data = address(pod, DATA_ADDRESS, config.dataAddress, "0.0.0.0:80");
    String control = address(pod, CONTROL_ADDRESS, config.controlAddress, "0.0.0.0:3000");
    String destination =
        address(pod, DESTINATION_ADDRESS, config.destinationAddress, "127.0.0.1:8080");
    String protocol =
        pod.containsKey(PROTOCOL_VERSION)
            ? valid(
                pod,
                PROTOCOL_VERSION,
                Set.of("HTTP1", "HTTP2", "GRPC")::contains,
                "HTTP1, HTTP2 or GRPC")
            : config.protocolVersion == null ? null : config.protocolVersion.name();
    String rustLog =
        pod.containsKey(RUST_LOG)
            ? valid(
                pod, RUST_LOG, Set.of("debug", "info", "error")::contains, "debug, info or error")
            : config.rustLog == null ? null : config.rustLog.name().toLowerCase(Locale.ROOT);

    var env = new ArrayList<EnvVar>();
    env.add(new EnvVar("TARGET_CONTROL_DATA_ADDRESS", data, null));
    env.add(new EnvVar("TARGET_CONTROL_CONTROL_ADDRESS", control, null));
    env.add(new EnvVar("TARGET_CONTROL_DESTINATION_ADDRESS", destination, null));
    env.add(new EnvVar("TARGET_CONTROL_MAX_CONCURRENCY", maxConcurrency, null));
    optionalEnv(
        env, "TARGET_CONTROL_TLS_CERT_PATH", pod.getOrDefault(TLS_CERT_PATH, config.tlsCertPath));
    optionalEnv(
        env, "TARGET_CONTROL_TLS_KEY_PATH", pod.getOrDefault(TLS_KEY_PATH, config.tlsKeyPath));
    optionalEnv(
        env,
        "TARGET_CONTROL_TLS_SECURITY_POLICY",
        pod.getOrDefault(TLS_SECURITY_POLICY, config.tlsSecurityPolicy));
    optionalEnv(env, "TARGET_CONTROL_PROTOCOL_VERSION", protocol);
    optionalEnv(env, "RUST_LOG", rustLog);

    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(image)
        .withEnv(env)
        .withPorts(
            new ContainerPortBuilder()
                .withName("data")
                .withContainerPort(port(data))
                .withProtocol("TCP")
                .build(),
            new ContainerPortBuilder()
                .withName("control")
                .withContainerPort(port(control))
                .withProtocol("TCP")
                .build())
        .withResources(resources(config.resources, pod))
        .build();
  }

  private static ResourceRequirements resources(
      ResourceRequirements configured, Map<String, String> pod) {
    var requests = new LinkedHashMap<String, Quantity>();
    var limits = new LinkedHashMap<String, Quantity>();
    if (configured != null) {
      if (configured.getRequests() != null) {
        requests.putAll(configured.getRequests());
      }
      if (configured.getLimits() != null) {
        limits.putAll(configured.getLimits());
      }
    }
    quantity(pod, CPU_REQUEST, "cpu", requests);
    quantity(pod, CPU_LIMIT, "cpu", limits);
    quantity(pod, MEMORY_REQUEST, "memory", requests);
    quantity(pod, MEMORY_LIMIT, "memory", limits);
    if (requests.isEmpty()
        && limits.isEmpty()
        && (configured == null || configured.getClaims() == null)) {
      return null;
    }
    var result = new ResourceRequirements();
    result.setClaims(configured == null ? null : configured.getClaims());
    result.setRequests(requests.isEmpty() ? null : requests);
    result.setLimits(limits.isEmpty() ? null : limits);
    return result;
  }

  private static void quantity(
      Map<String, String> pod, String annotation, String resource, Map<String, Quantity> into) {
    if (pod.containsKey(annotation)) {
      into.put(
          resource,
          new Quantity(valid(pod, annotation, v -> QUANTITY.matcher(v).matches(), "a quantity")));
    }
  }

  private static void optionalEnv(List<EnvVar> env, String name, String value) {
    if (value != null && !value.isEmpty()) {
      env.add(new EnvVar(name, value, null));
    }
  }

  private static String address(
      Map<String, String> pod, String annotation, String configured, String example) {
    if (!pod.containsKey(annotation)) {
      return configured;
    }
    return valid(
        pod,
        annotation,
        AlbTargetControlAgent::isIpAndPort,
        "an IP address and port, e.g. " + example);
  }

  private static String valid(
      Map<String, String> pod, String annotation, Predicate<String> check, String expected) {
    String value = pod.get(annotation);
    if (!check.test(value)) {
      throw Denial.invalid(
          "albTargetControlAgent",
          "annotation %s: invalid value %s (expected %s)".formatted(annotation, value, expected));
    }
    return value;
  }

  private static boolean concurrency(String value) {
    try {
      int c = Integer.parseInt(value);
      return c >= 0 && c <= 1000;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** host:port with a literal IP address, as the reference checks an annotation's address. */
  static boolean isIpAndPort(String address) {
    String[] hostPort = splitHostPort(address);
    if (hostPort == null) {
      return false;
    }
    try {
      Integer.parseInt(hostPort[1]);
    } catch (NumberFormatException e) {
      return false;
    }
    return isIp(hostPort[0]);
  }

  private static boolean isIp(String host) {
    if (IPV4.matcher(host).matches()) {
      return true;
    }
    if (!host.contains(":") || !IPV6_CHARS.matcher(host).matches()) {
      return false;
    }
    try {
      InetAddress.getByName(host); // a literal with a colon is parsed, never resolved
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * The port of a host:port, 0 when there is none (the configuration's addresses are only checked
   * against a pattern, so a malformed one gives port 0 and the apiserver refuses the pod).
   */
  static int port(String address) {
    String[] hostPort = address == null ? null : splitHostPort(address);
    if (hostPort == null) {
      return 0;
    }
    try {
      return Integer.parseInt(hostPort[1]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** {host, port} of {@code host:port} or {@code [v6]:port}; null when it is neither. */
  private static String[] splitHostPort(String address) {
    if (address.startsWith("[")) {
      int close = address.indexOf(']');
      if (close < 0 || close + 1 >= address.length() || address.charAt(close + 1) != ':') {
        return null;
      }
      String port = address.substring(close + 2);
      return port.contains(":") ? null : new String[] {address.substring(1, close), port};
    }
    int colon = address.lastIndexOf(':');
    if (colon < 0 || address.indexOf(':') != colon) {
      return null;
    }
    return new String[] {address.substring(0, colon), address.substring(colon + 1)};
  }
}
