package io.lbc.webhook.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.lbc.k8s.IngressClassParams;
import io.lbc.k8s.IngressClassParamsSpec;
import io.lbc.webhook.Denial;
import io.lbc.webhook.Requests;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class IngressClassParamsValidatorTest {
  final IngressClassParamsValidator validator = new IngressClassParamsValidator();

  static IngressClassParams params(Consumer<IngressClassParamsSpec> spec) {
    var params = new IngressClassParams();
    params.setMetadata(new ObjectMetaBuilder().withName("p").build());
    var s = new IngressClassParamsSpec();
    spec.accept(s);
    params.setSpec(s);
    return params;
  }

  String denial(Consumer<IngressClassParamsSpec> spec) {
    var thrown =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            Denial.class, () -> validator.admit(Requests.create(params(spec))));
    assertThat(thrown).as("denied").isNotNull();
    return thrown.getMessage();
  }

  @Test
  void admitsNetworkAddresses() {
    assertThat(
            validator
                .admit(
                    Requests.create(
                        params(s -> s.inboundCIDRs = List.of("10.0.0.0/16", "2001:db8::/32"))))
                .allowed())
        .isTrue();
  }

  @Test
  void refusesHostBitsAndSuggestsTheNetwork() {
    assertThat(denial(s -> s.inboundCIDRs = List.of("10.0.0.0/16", "10.0.0.1/24")))
        .isEqualTo(
            "spec.inboundCIDRs[1]: Invalid value: \"10.0.0.1/24\": Network contains bits outside"
                + " prefix (did you mean \"10.0.0.0/24\")");
  }

  @Test
  void suggestsAPrefixForABareAddressAndListsEveryError() {
    assertThat(denial(s -> s.inboundCIDRs = List.of("10.0.0.1", "2001:db8::1", "nonsense")))
        .isEqualTo(
            "[spec.inboundCIDRs[0]: Invalid value: \"10.0.0.1\": Could not be parsed as a CIDR"
                + " (did you mean \"10.0.0.1/32\"), spec.inboundCIDRs[1]: Invalid value:"
                + " \"2001:db8::1\": Could not be parsed as a CIDR (did you mean"
                + " \"2001:db8::1/64\"), spec.inboundCIDRs[2]: Invalid value: \"nonsense\": Could"
                + " not be parsed as a CIDR]");
  }

  @Test
  void subnetsNameIdsOrTagsWithoutDuplicates() {
    assertThat(denial(s -> s.subnets = new IngressClassParamsSpec.SubnetSelector()))
        .isEqualTo("spec.subnets: Required value: must have either `ids` or `tags`");
    assertThat(
            denial(
                s -> {
                  s.subnets = new IngressClassParamsSpec.SubnetSelector();
                  s.subnets.ids = List.of("subnet-1");
                  s.subnets.tags = new LinkedHashMap<>();
                }))
        .isEqualTo("spec.subnets.tags: Forbidden: may not have both `ids` and `tags` set");
    assertThat(
            denial(
                s -> {
                  s.subnets = new IngressClassParamsSpec.SubnetSelector();
                  s.subnets.ids = List.of("subnet-1", "subnet-2", "subnet-1");
                }))
        .isEqualTo("spec.subnets.ids[2]: Duplicate value: \"subnet-1\"");
    assertThat(
            denial(
                s -> {
                  s.subnets = new IngressClassParamsSpec.SubnetSelector();
                  s.subnets.tags = new LinkedHashMap<>();
                  s.subnets.tags.put("tier", List.of("a", "a"));
                }))
        .isEqualTo("spec.subnets.tags[tier][1]: Duplicate value: \"a\"");
    assertThat(
            denial(
                s -> {
                  s.subnets = new IngressClassParamsSpec.SubnetSelector();
                  s.subnets.tags = new LinkedHashMap<>();
                }))
        .isEqualTo("spec.subnets.tags: Required value: must have at least one tag key");
  }

  @Test
  void countsEachFailedCheckOnce() {
    assertThatThrownBy(
            () ->
                validator.admit(
                    Requests.create(
                        params(
                            s -> {
                              s.inboundCIDRs = List.of("1.2.3.4/8", "5.6.7.8/8");
                              s.subnets = new IngressClassParamsSpec.SubnetSelector();
                            }))))
        .isInstanceOfSatisfying(
            Denial.class,
            d ->
                assertThat(d.checks())
                    .containsExactly("checkInboundCIDRs", "checkSubnetSelectors"));
  }
}
