package io.lbc.k8s.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Map;

/** TargetGroupConfiguration fields (gateway-spec §3.3). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TargetGroupConfigurationSpec {
  /** The Service (or Gateway) this configures; absent on a default configuration. */
  public Reference targetReference;

  public TargetGroupProps defaultConfiguration;
  public List<RouteConfiguration> routeConfigurations;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Reference {
    @Default("")
    public String group;

    @Default("Service")
    public String kind;

    @Required public String name;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class RouteConfiguration {
    @Required public RouteIdentifier routeIdentifier;
    @Required public TargetGroupProps targetGroupProps;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class RouteIdentifier {
    public String kind;
    public String namespace;
    public String name;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class TargetGroupProps {
    public String targetGroupName;
    public IpAddressType ipAddressType;
    public HealthCheckConfig healthCheckConfig;
    public LabelSelector nodeSelector;
    public List<KeyValue> targetGroupAttributes;
    public TargetType targetType;
    public Protocol protocol;
    public ProtocolVersion protocolVersion;
    public Integer targetControlPort;
    public Boolean enableMultiCluster;
    public Map<String, String> tags;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class HealthCheckConfig {
    public Integer healthyThresholdCount;
    public Integer healthCheckInterval;
    public String healthCheckPath;

    /** {@code traffic-port}, a number or a named Service port. */
    public String healthCheckPort;

    public HealthCheckProtocol healthCheckProtocol;
    public Integer healthCheckTimeout;
    public Integer unhealthyThresholdCount;
    public Matcher matcher;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Matcher {
    public String httpCode;
    public String grpcCode;
  }

  public enum IpAddressType {
    @JsonProperty("ipv4")
    IPV4,
    @JsonProperty("ipv6")
    IPV6
  }

  public enum TargetType {
    @JsonProperty("instance")
    INSTANCE,
    @JsonProperty("ip")
    IP
  }

  public enum HealthCheckProtocol {
    HTTP,
    HTTPS,
    TCP
  }

  public enum Protocol {
    HTTP,
    HTTPS,
    TCP,
    TLS,
    UDP,
    TCP_UDP
  }

  public enum ProtocolVersion {
    HTTP1,
    HTTP2,
    GRPC
  }
}
