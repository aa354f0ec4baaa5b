package io.lbc.ingress;

import io.lbc.annotations.KeyInventory;
import io.lbc.annotations.Surface;
import io.lbc.k8s.cache.SlimService;
import io.lbc.model.TargetType;
import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import io.lbc.model.elbv2.TargetGroupSpec.Matcher;
import java.util.List;

/**
 * The health check of an ALB target group (compat-spec §1.3 #43–#50) with the reference's defaults:
 * the traffic port, the backend protocol, {@code /} (gRPC: {@code /AWS.ALB/healthcheck}), 15 s
 * interval, 5 s timeout, 2 healthy, 2 unhealthy, success codes {@code 200} (gRPC: {@code 12}).
 */
final class HealthChecks {
  static final String PORT = KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "healthcheck-port");
  static final String PROTOCOL =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "healthcheck-protocol");
  static final String PATH = KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "healthcheck-path");
  static final String INTERVAL =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "healthcheck-interval-seconds");
  static final String TIMEOUT =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "healthcheck-timeout-seconds");
  static final String HEALTHY =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "healthy-threshold-count");
  static final String UNHEALTHY =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "unhealthy-threshold-count");
  static final String SUCCESS_CODES =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "success-codes");

  private final BackendSettings settings;
  private final BackendService service;
  private final TargetType targetType;

  HealthChecks(BackendSettings settings, BackendService service, TargetType targetType) {
    this.settings = settings;
    this.service = service;
    this.targetType = targetType;
  }

  HealthCheckConfig build(String protocol, String protocolVersion) {
    boolean grpc = protocolVersion.equals("GRPC");
    String codes =
        settings.read(SUCCESS_CODES, a -> a.string(SUCCESS_CODES).orElse(grpc ? "12" : "200"));
    return new HealthCheckConfig(
        port(),
        TargetGroupPlanner.oneOf(settings, PROTOCOL, protocol, List.of("HTTP", "HTTPS")),
        settings.read(PATH, a -> a.string(PATH).orElse(grpc ? "/AWS.ALB/healthcheck" : "/")),
        grpc ? new Matcher(null, codes) : new Matcher(codes, null),
        int32(INTERVAL, 15),
        int32(TIMEOUT, 5),
        int32(HEALTHY, 2),
        int32(UNHEALTHY, 2));
  }

  private int int32(String suffix, int fallback) {
    return settings.read(suffix, a -> a.int32(suffix).orElse(fallback));
  }

  /**
   * {@code traffic-port}, a number, or a Service port name: its NodePort for instance targets, its
   * numeric target port for ip targets.
   */
  private String port() {
    String raw = settings.read(PORT, a -> a.string(PORT).orElse(TargetGroupPlanner.TRAFFIC_PORT));
    if (raw.equals(TargetGroupPlanner.TRAFFIC_PORT) || raw.matches("\\d+")) {
      return raw;
    }
    SlimService.Port port;
    try {
      port = service.port(settings.annotations().key(PORT), raw);
    } catch (UserInputException e) {
      throw settings.invalid(PORT, "Service " + service.key() + " has no port named '" + raw + "'");
    }
    if (targetType == TargetType.INSTANCE) {
      if (port.nodePort() == null || port.nodePort() == 0) {
        throw settings.invalid(
            PORT, "port '" + raw + "' of Service " + service.key() + " has no NodePort");
      }
      return String.valueOf(port.nodePort());
    }
    Object target = BackendService.targetPort(port);
    if (target instanceof Integer number) {
      return String.valueOf(number);
    }
    throw settings.invalid(
        PORT,
        "port '"
            + raw
            + "' has the named target port '"
            + target
            + "', which ip targets cannot health-check; give a number");
  }
}
