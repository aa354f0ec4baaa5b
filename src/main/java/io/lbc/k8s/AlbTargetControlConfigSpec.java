package io.lbc.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The fields of an ALBTargetControlConfig, as the reference's v1beta1. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlbTargetControlConfigSpec {
  /** The agent's image, e.g. public.ecr.aws/aws-elb/target-optimizer/target-control-agent. */
  @Required public String image;

  /** host:port where the agent takes the load balancer's traffic (the target group's port). */
  @Required
  @Pattern("^.+:[0-9]+$")
  public String dataAddress;

  /** host:port of the load balancer's management traffic (the target control port). */
  @Required
  @Pattern("^.+:[0-9]+$")
  public String controlAddress;

  /** host:port the agent forwards to: where the application listens. */
  @Required
  @Pattern("^.+:[0-9]+$")
  public String destinationAddress;

  /** The most concurrent requests the target takes from the load balancer. */
  @Min(0)
  @Max(1000)
  @Default("1")
  public Integer maxConcurrency;

  public String tlsCertPath;

  public String tlsKeyPath;

  /** The ELB security policy of the target group. */
  public String tlsSecurityPolicy;

  public ProtocolVersion protocolVersion;

  /** The agent's log level. */
  public RustLog rustLog;

  /** The sidecar's resources. */
  public ResourceRequirements resources;

  public enum ProtocolVersion {
    HTTP1,
    HTTP2,
    GRPC
  }

  public enum RustLog {
    @JsonProperty("debug")
    DEBUG,
    @JsonProperty("info")
    INFO,
    @JsonProperty("error")
    ERROR
  }
}
