package io.lbc.service;

import static io.lbc.service.ServiceAnnotationKeys.HEALTHCHECK_HEALTHY_THRESHOLD;
import static io.lbc.service.ServiceAnnotationKeys.HEALTHCHECK_INTERVAL;
import static io.lbc.service.ServiceAnnotationKeys.HEALTHCHECK_PATH;
import static io.lbc.service.ServiceAnnotationKeys.HEALTHCHECK_PORT;
import static io.lbc.service.ServiceAnnotationKeys.HEALTHCHECK_PROTOCOL;
import static io.lbc.service.ServiceAnnotationKeys.HEALTHCHECK_SUCCESS_CODES;
import static io.lbc.service.ServiceAnnotationKeys.HEALTHCHECK_TIMEOUT;
import static io.lbc.service.ServiceAnnotationKeys.HEALTHCHECK_UNHEALTHY_THRESHOLD;

import io.lbc.config.FeatureGate;
import io.lbc.model.TargetType;
import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import io.lbc.model.elbv2.TargetGroupSpec.Matcher;
import java.util.Locale;

/**
 * A target group's health check (compat-spec §2.2 rows 28–35). Instance targets of an
 * externalTrafficPolicy: Local LoadBalancer Service default to kube-proxy's health endpoint: HTTP
 * {@code /healthz} on spec.healthCheckNodePort, 2/2 thresholds, 6 s timeout.
 */
final class HealthChecks {
  static final String TRAFFIC_PORT = "traffic-port";

  private record Defaults(
      String protocol,
      String port,
      String path,
      int interval,
      int timeout,
      int healthy,
      int unhealthy) {}

  private static final Defaults GENERAL = new Defaults("TCP", TRAFFIC_PORT, "/", 10, 10, 3, 3);

  private HealthChecks() {}

  static HealthCheckConfig build(BuildContext context, TargetType targetType) {
    var annotations = context.annotations();
    Defaults defaults = defaults(context, targetType);
    String protocol = protocol(context, defaults.protocol());
    boolean http = !protocol.equals("TCP");
    boolean advanced = context.enabled(FeatureGate.NLB_HEALTH_CHECK_ADVANCED_CONFIG);
    String path = http ? annotations.string(HEALTHCHECK_PATH).orElse(defaults.path()) : null;
    Matcher matcher =
        http && advanced
            ? new Matcher(annotations.string(HEALTHCHECK_SUCCESS_CODES).orElse("200-399"), null)
            : null;
    int timeout =
        advanced
            ? annotations.int32(HEALTHCHECK_TIMEOUT).orElse(defaults.timeout())
            : defaults.timeout();
    return new HealthCheckConfig(
        port(context, targetType, defaults.port()),
        protocol,
        path,
        matcher,
        annotations.int32(HEALTHCHECK_INTERVAL).orElse(defaults.interval()),
        timeout,
        annotations.int32(HEALTHCHECK_HEALTHY_THRESHOLD).orElse(defaults.healthy()),
        annotations.int32(HEALTHCHECK_UNHEALTHY_THRESHOLD).orElse(defaults.unhealthy()));
  }

  private static Defaults defaults(BuildContext context, TargetType targetType) {
    var service = context.service();
    boolean local =
        targetType == TargetType.INSTANCE
            && "Local".equals(service.externalTrafficPolicy())
            && service.isLoadBalancerType();
    if (!local) {
      return GENERAL;
    }
    Integer nodePort = service.healthCheckNodePort();
    if (nodePort == null || nodePort == 0) {
      throw new UserInputException(
          "spec.healthCheckNodePort",
          "externalTrafficPolicy Local needs a health check NodePort, which the Service does not"
              + " have");
    }
    return new Defaults("HTTP", String.valueOf(nodePort), "/healthz", 10, 6, 2, 2);
  }

  private static String protocol(BuildContext context, String fallback) {
    String raw = context.annotations().string(HEALTHCHECK_PROTOCOL).orElse(fallback);
    String protocol = raw.toUpperCase(Locale.ROOT);
    if (!protocol.equals("TCP") && !protocol.equals("HTTP") && !protocol.equals("HTTPS")) {
      throw context
          .annotations()
          .invalid(HEALTHCHECK_PROTOCOL, "unknown protocol '" + raw + "' (use tcp, http or https)");
    }
    return protocol;
  }

  /** traffic-port, a number, or a Service port's name: its NodePort or numeric targetPort. */
  private static String port(BuildContext context, TargetType targetType, String fallback) {
    String raw = context.annotations().string(HEALTHCHECK_PORT).orElse(fallback);
    if (raw.equals(TRAFFIC_PORT) || raw.matches("\\d+")) {
      return raw;
    }
    ServiceView.Port named =
        context
            .service()
            .portNamed(raw)
            .orElseThrow(
                () ->
                    context
                        .annotations()
                        .invalid(
                            HEALTHCHECK_PORT,
                            "'"
                                + raw
                                + "' is neither traffic-port, a number nor the name of a Service"
                                + " port"));
    if (targetType == TargetType.INSTANCE) {
      if (named.nodePort() == null) {
        throw context
            .annotations()
            .invalid(HEALTHCHECK_PORT, "Service port '" + raw + "' has no NodePort");
      }
      return String.valueOf(named.nodePort());
    }
    if (named.targetPort() instanceof Integer number) {
      return String.valueOf(number);
    }
    throw context
        .annotations()
        .invalid(
            HEALTHCHECK_PORT,
            "Service port '"
                + raw
                + "' has a named targetPort, which ip targets cannot health-check by name; give a"
                + " number");
  }
}
