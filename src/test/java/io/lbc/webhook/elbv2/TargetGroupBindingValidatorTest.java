package io.lbc.webhook.elbv2;

import static io.lbc.webhook.elbv2.Bindings.binding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.lbc.aws.elbv2.TargetGroup;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec;
import io.lbc.k8s.TargetGroupBindingSpec.BindingIpAddressType;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.k8s.TargetGroupBindingSpec.TargetGroupProtocol;
import io.lbc.webhook.Decision;
import io.lbc.webhook.Denial;
import io.lbc.webhook.FakeLookups;
import io.lbc.webhook.FakeTargetGroups;
import io.lbc.webhook.Requests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class TargetGroupBindingValidatorTest {
  static final String CLUSTER_VPC = "vpc-0123456789abcdef0";

  final FakeTargetGroups aws = new FakeTargetGroups();
  final FakeLookups cluster = new FakeLookups();
  final TargetGroupBindingValidator validator =
      new TargetGroupBindingValidator(
          cluster,
          new TargetGroupCache(aws.elbv2(), Clock.systemUTC(), Duration.ofMinutes(1), 16),
          CLUSTER_VPC);
  final TargetGroup ip4 =
      aws.add(FakeTargetGroups.targetGroup("ip4", "ip", "HTTP", "ipv4", CLUSTER_VPC));

  /** A binding as the mutator leaves it for {@link #ip4}. */
  TargetGroupBinding complete(String name, Consumer<TargetGroupBindingSpec> change) {
    return binding(
        "ns",
        name,
        s -> {
          s.targetGroupARN = ip4.arn();
          s.targetType = BindingTargetType.IP;
          s.ipAddressType = BindingIpAddressType.IPV4;
          s.vpcID = CLUSTER_VPC;
          s.targetGroupProtocol = TargetGroupProtocol.HTTP;
          change.accept(s);
        });
  }

  void assertDenied(ThrowingCallable call, String check, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            Denial.class,
            d -> {
              assertThat(d.checks()).containsExactly(check);
              assertThat(d.code()).isEqualTo(Denial.FORBIDDEN);
              assertThat(d.getMessage()).isEqualTo(message);
            });
  }

  @Test
  void admitsACompleteBinding() {
    assertThat(validator.admit(Requests.create(complete("b", s -> {}))))
        .isEqualTo(Decision.allow());
  }

  @Test
  void requiresTheTargetGroupAndTheTargetType() {
    assertDenied(
        () -> validator.admit(Requests.create(binding("ns", "b", s -> {}))),
        "checkRequiredFields",
        "TargetGroupBinding must specify these fields: either TargetGroupARN or TargetGroupName,"
            + "spec.targetType");
  }

  @Test
  void aNodeSelectorNeedsInstanceTargets() {
    assertDenied(
        () ->
            validator.admit(
                Requests.create(complete("b", s -> s.nodeSelector = new LabelSelector()))),
        "checkNodeSelector",
        "spec.nodeSelector: TargetGroupBinding cannot set NodeSelector when TargetType is ip");
  }

  @Test
  void oneBindingPerTargetGroupUnlessAllAreMultiCluster() {
    cluster.bindings.add(complete("first", s -> {}));
    var other = cluster.bindings.get(0);
    other.getMetadata().setNamespace("other");

    assertDenied(
        () -> validator.admit(Requests.create(complete("second", s -> {}))),
        "checkExistingTargetGroups",
        "spec.targetGroupARN: TargetGroup "
            + ip4.arn()
            + " is already bound to following TargetGroupBindings [other/first]. Please enable"
            + " MultiCluster mode on all TargetGroupBindings referencing "
            + ip4.arn()
            + " or choose a different Target Group ARN.");
    // The new one alone saying multi-cluster is not enough...
    assertThatThrownBy(
            () ->
                validator.admit(
                    Requests.create(complete("second", s -> s.multiClusterTargetGroup = true))))
        .isInstanceOf(Denial.class);
    // ...all of them must.
    other.getSpec().multiClusterTargetGroup = true;
    assertThat(
            validator
                .admit(Requests.create(complete("second", s -> s.multiClusterTargetGroup = true)))
                .allowed())
        .isTrue();
  }

  @Test
  void anUpdateDoesNotCollideWithItself() {
    var binding = complete("b", s -> {});
    cluster.bindings.add(binding);

    assertThat(validator.admit(Requests.update(binding, binding)).allowed()).isTrue();
  }

  @Test
  void theAddressTypeVpcAndProtocolMustBeTheTargetGroups() {
    assertDenied(
        () ->
            validator.admit(
                Requests.create(complete("b", s -> s.ipAddressType = BindingIpAddressType.IPV6))),
        "checkTargetGroupIPAddressType",
        "spec.ipAddressType: invalid IP address type ipv4 for TargetGroup " + ip4.arn());
    assertDenied(
        () -> validator.admit(Requests.create(complete("b", s -> s.vpcID = "vpc-00000001"))),
        "checkTargetGroupVpcID",
        "spec.vpcID: invalid VpcID vpc-00000001 doesnt match VpcID from TargetGroup " + ip4.arn());
    assertDenied(
        () -> validator.admit(Requests.create(complete("b", s -> s.vpcID = "vpc-XYZ"))),
        "checkTargetGroupVpcID",
        "spec.vpcID: ValidationError: vpcID vpc-XYZ failed to satisfy constraint: VPC Id must begin"
            + " with 'vpc-' followed by 8, 17 or 32 lowercase letters (a-f) or numbers.");
    assertDenied(
        () ->
            validator.admit(
                Requests.create(
                    complete("b", s -> s.targetGroupProtocol = TargetGroupProtocol.TCP))),
        "checkTargetGroupProtocol",
        "spec.targetGroupProtocol: TargetGroup "
            + ip4.arn()
            + " protocol differs (got TCP, expected HTTP)");
  }

  @Test
  void quicNeedsIpTargets() {
    TargetGroup quic =
        aws.add(FakeTargetGroups.targetGroup("quic", "instance", "QUIC", "ipv4", CLUSTER_VPC));

    assertDenied(
        () ->
            validator.admit(
                Requests.create(
                    complete(
                        "b",
                        s -> {
                          s.targetGroupARN = quic.arn();
                          s.targetType = BindingTargetType.INSTANCE;
                          s.targetGroupProtocol = TargetGroupProtocol.QUIC;
                        }))),
        "checkTargetGroupProtocol",
        "spec.targetGroupProtocol: QUIC protocol is not supported for Instance target types.");
  }

  @Test
  void assumeRoleIsRefusedWithInstanceTargets() {
    assertDenied(
        () ->
            validator.admit(
                Requests.create(
                    complete(
                        "b",
                        s -> {
                          s.targetType = BindingTargetType.INSTANCE;
                          s.iamRoleArnToAssume = "arn:aws:iam::999999999999:role/x";
                        }))),
        "checkAssumeRoleConfig",
        "spec.iamRoleArnToAssume: Unable to use instance target type while using assume role");
  }

  @Test
  void immutableFieldsStayAsTheyWere() {
    var old = complete("b", s -> {});

    assertDenied(
        () ->
            validator.admit(
                Requests.update(
                    complete(
                        "b",
                        s -> {
                          s.targetGroupARN = "arn:other";
                          s.targetType = BindingTargetType.INSTANCE;
                          s.ipAddressType = BindingIpAddressType.IPV6;
                          s.vpcID = "vpc-00000001";
                        }),
                    old)),
        "checkImmutableFields",
        "TargetGroupBinding update may not change these immutable fields: spec.targetGroupARN,"
            + "spec.targetType,spec.ipAddressType,spec.vpcID");
  }

  @Test
  void legacyBindingsMayGainTheDefaultAddressTypeAndTheClusterVpc() {
    var legacy =
        complete(
            "b",
            s -> {
              s.ipAddressType = null;
              s.vpcID = null;
            });

    assertThat(validator.admit(Requests.update(complete("b", s -> {}), legacy)).allowed()).isTrue();
    assertDenied(
        () ->
            validator.admit(Requests.update(complete("b", s -> s.vpcID = "vpc-00000001"), legacy)),
        "checkImmutableFields",
        "TargetGroupBinding update may not change these immutable fields: spec.vpcID");
  }

  @Test
  void aBindingBeingDeletedIsNeverRefused() {
    var old = complete("b", s -> {});
    var deleting = complete("b", s -> s.targetType = BindingTargetType.INSTANCE);
    deleting.getMetadata().setDeletionTimestamp(Instant.now().toString());

    assertThat(validator.admit(Requests.update(deleting, old)).allowed()).isTrue();
  }

  @Test
  void aMissingTargetGroupIsNamed() {
    assertDenied(
        () -> validator.admit(Requests.create(complete("b", s -> s.targetGroupARN = "arn:gone"))),
        "checkTargetGroupIPAddressType",
        "spec.targetGroupARN: target group arn:gone not found");
  }
}
