package io.lbc.k8s.gateway;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Extra actions and conditions of the ALB rules of one HTTPRoute/GRPCRoute rule, referenced by an
 * {@code ExtensionRef} filter (gateway-spec §3.5).
 */
@Group(GatewayCrds.GROUP)
@Version(value = "v1", storage = true, served = true)
@Kind("ListenerRuleConfiguration")
@Plural("listenerruleconfigurations")
@Singular("listenerruleconfiguration")
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ListenerRuleConfiguration
    extends CustomResource<ListenerRuleConfigurationSpec, ListenerRuleConfigurationStatus>
    implements Namespaced {

  /** The same schema, served under the deprecated v1beta1 as the reference does. */
  @Group(GatewayCrds.GROUP)
  @Version(
      value = "v1beta1",
      storage = false,
      served = true,
      deprecated = true,
      deprecationWarning =
          "gateway.k8s.aws/v1beta1 ListenerRuleConfiguration is deprecated; use gateway.k8s.aws/v1"
              + " instead")
  @Kind("ListenerRuleConfiguration")
  @Plural("listenerruleconfigurations")
  @Singular("listenerruleconfiguration")
  @AdditionalPrinterColumn(
      name = "AGE",
      jsonPath = ".metadata.creationTimestamp",
      type = AdditionalPrinterColumn.Type.DATE)
  public static class V1beta1
      extends CustomResource<ListenerRuleConfigurationSpec, ListenerRuleConfigurationStatus>
      implements Namespaced {}
}
