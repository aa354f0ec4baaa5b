package io.lbc.webhook.elbv2;

import static io.lbc.webhook.elbv2.Bindings.binding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.aws.elbv2.TargetGroup;
import io.lbc.k8s.TargetGroupBindingSpec.BindingIpAddressType;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.k8s.TargetGroupBindingSpec.TargetGroupProtocol;
import io.lbc.webhook.Decision;
import io.lbc.webhook.Denial;
import io.lbc.webhook.FakeTargetGroups;
import io.lbc.webhook.PatchOperation;
import io.lbc.webhook.Requests;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TargetGroupBindingMutatorTest {
  final FakeTargetGroups aws = new FakeTargetGroups();
  final TargetGroupCache cache =
      new TargetGroupCache(aws.elbv2(), Clock.systemUTC(), Duration.ofMinutes(1), 16);
  final TargetGroupBindingMutator mutator = new TargetGroupBindingMutator(cache);
  final TargetGroup web =
      aws.add(FakeTargetGroups.targetGroup("web", "ip", "HTTP", "ipv6", "vpc-0123456789abcdef0"));

  @Test
  void resolvesTheNameAndFillsEveryDefaultFromOneDescribe() {
    Decision decision =
        mutator.admit(Requests.create(binding("ns", "b", s -> s.targetGroupName = "web")));

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.patch())
        .containsExactly(
            PatchOperation.add("/spec/targetGroupARN", web.arn()),
            PatchOperation.add("/spec/targetType", BindingTargetType.IP),
            PatchOperation.add("/spec/ipAddressType", BindingIpAddressType.IPV6),
            PatchOperation.add("/spec/vpcID", "vpc-0123456789abcdef0"),
            PatchOperation.add("/spec/targetGroupProtocol", TargetGroupProtocol.HTTP));
    assertThat(aws.describeCalls()).isEqualTo(1);
  }

  @Test
  void leavesWhatTheUserSetAlone() {
    Decision decision =
        mutator.admit(
            Requests.create(
                binding(
                    "ns",
                    "b",
                    s -> {
                      s.targetGroupARN = web.arn();
                      s.targetType = BindingTargetType.INSTANCE;
                      s.ipAddressType = BindingIpAddressType.IPV4;
                      s.vpcID = "vpc-00000001";
                      s.targetGroupProtocol = TargetGroupProtocol.HTTPS;
                    })));

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.patch()).isEmpty();
    assertThat(aws.describeCalls()).isZero();
  }

  @Test
  void anIpv4TargetGroupWithoutAnAddressTypeDefaultsToIpv4() {
    TargetGroup legacy =
        aws.add(FakeTargetGroups.targetGroup("legacy", "instance", "TCP", null, "vpc-00000001"));

    Decision decision =
        mutator.admit(
            Requests.create(
                binding(
                    "ns",
                    "b",
                    s -> {
                      s.targetGroupARN = legacy.arn();
                      s.vpcID = "vpc-00000001";
                      s.targetGroupProtocol = TargetGroupProtocol.TCP;
                    })));

    assertThat(decision.patch())
        .containsExactly(
            PatchOperation.add("/spec/targetType", BindingTargetType.INSTANCE),
            PatchOperation.add("/spec/ipAddressType", BindingIpAddressType.IPV4));
  }

  @Test
  void refusesABindingWithNeitherArnNorName() {
    assertThatThrownBy(() -> mutator.admit(Requests.create(binding("ns", "b", s -> {}))))
        .isInstanceOfSatisfying(
            Denial.class,
            d -> {
              assertThat(d.checks()).containsExactly("checkTargetGroupArnOrName");
              assertThat(d.getMessage())
                  .isEqualTo(
                      "spec.targetGroupARN: must provide either TargetGroupARN or TargetGroupName");
            });
  }

  @Test
  void refusesANameThatNoTargetGroupHas() {
    assertThatThrownBy(
            () ->
                mutator.admit(Requests.create(binding("ns", "b", s -> s.targetGroupName = "nope"))))
        .hasMessage("spec.targetGroupName: no target group named nope");
  }

  @Test
  void refusesATargetGroupOfAnUnsupportedType() {
    TargetGroup lambda = aws.add(FakeTargetGroups.targetGroup("fn", "lambda", null, null, null));

    assertThatThrownBy(
            () ->
                mutator.admit(
                    Requests.create(binding("ns", "b", s -> s.targetGroupARN = lambda.arn()))))
        .hasMessage("spec.targetType: unsupported TargetType: lambda");
  }

  @Test
  void anAwsFailureIsAnErrorNotAUserMistake() {
    aws.failWith(new IllegalStateException("Rate exceeded"));

    assertThatThrownBy(
            () ->
                mutator.admit(Requests.create(binding("ns", "b", s -> s.targetGroupName = "web"))))
        .isInstanceOfSatisfying(
            Denial.class,
            d -> {
              assertThat(d.code()).isEqualTo(Denial.INTERNAL_ERROR);
              assertThat(d.getMessage()).contains("Rate exceeded");
            });
  }

  @Test
  void updatesPassUnchanged() {
    var binding = binding("ns", "b", s -> s.targetGroupName = "web");

    assertThat(mutator.admit(Requests.update(binding, binding))).isEqualTo(Decision.allow());
    assertThat(aws.describeCalls()).isZero();
  }

  @Test
  void theValidatorReusesTheTargetGroupTheMutatorDescribed() {
    mutator.admit(Requests.create(binding("ns", "b", s -> s.targetGroupName = "web")));
    var validator =
        new TargetGroupBindingValidator(
            new io.lbc.webhook.FakeLookups(), cache, "vpc-0123456789abcdef0");

    Decision decision =
        validator.admit(
            Requests.create(
                binding(
                    "ns",
                    "b",
                    s -> {
                      s.targetGroupARN = web.arn();
                      s.targetType = BindingTargetType.IP;
                      s.ipAddressType = BindingIpAddressType.IPV6;
                      s.vpcID = "vpc-0123456789abcdef0";
                      s.targetGroupProtocol = TargetGroupProtocol.HTTP;
                    })));

    assertThat(decision.allowed()).isTrue();
    assertThat(aws.describeCalls()).as("one DescribeTargetGroups for both webhooks").isEqualTo(1);
  }

  @Test
  void aCrossAccountBindingIsResolvedAsTheRoleItAssumes() {
    var other = new FakeTargetGroups();
    TargetGroup remote =
        other.add(FakeTargetGroups.targetGroup("remote", "ip", "HTTP", "ipv4", "vpc-00000009"));
    var roles = new java.util.ArrayList<String>();
    var mutatorWithRoles =
        new TargetGroupBindingMutator(
            new TargetGroupCache(
                aws.elbv2(),
                Clock.systemUTC(),
                Duration.ofMinutes(1),
                16,
                (role, externalId) -> {
                  roles.add(role + " " + externalId);
                  return other.elbv2();
                }));

    Decision decision =
        mutatorWithRoles.admit(
            Requests.create(
                binding(
                    "ns",
                    "b",
                    s -> {
                      s.targetGroupName = "remote";
                      s.iamRoleArnToAssume = "arn:aws:iam::111111111111:role/x";
                      s.assumeRoleExternalId = "ext";
                    })));

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.patch()).contains(PatchOperation.add("/spec/targetGroupARN", remote.arn()));
    assertThat(roles).containsExactly("arn:aws:iam::111111111111:role/x ext");
    assertThat(aws.describeCalls()).isZero();
  }
}
