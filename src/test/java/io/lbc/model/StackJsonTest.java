package io.lbc.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.ListenerSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import io.lbc.model.elbv2.SubnetMappingSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackJsonTest {
  @Test
  void writesSortedKeysLeavesOutNullsAndWritesReferencesAsPointers() {
    var stack = new Stack(StackId.implicitIngressGroup("ns", "web"));
    stack.add(
        LoadBalancerSpec.ID,
        new LoadBalancerSpec(
            "k8s-ns-web-0123456789",
            "application",
            "internal",
            "ipv4",
            List.of(SubnetMappingSpec.of("subnet-b"), SubnetMappingSpec.of("subnet-a")),
            List.of(Token.Ref.shared("backendSecurityGroup/groupID")),
            null,
            List.of(),
            Map.of("z", "1", "a", "2")));
    stack.add(
        "80",
        new ListenerSpec(
            ResourceType.LOAD_BALANCER.ref(LoadBalancerSpec.ID, LoadBalancerSpec.ARN),
            80,
            "HTTP",
            List.of(
                Action.fixedResponse(new Action.FixedResponseConfig("text/plain", null, "404"))),
            null,
            null,
            null,
            null,
            Map.of()));

    assertThat(StackJson.toJson(stack))
        .isEqualTo(
            """
            {
              "id" : "ns/web",
              "resources" : {
                "AWS::ElasticLoadBalancingV2::Listener" : {
                  "80" : {
                    "spec" : {
                      "defaultActions" : [ {
                        "fixedResponseConfig" : {
                          "contentType" : "text/plain",
                          "statusCode" : "404"
                        },
                        "type" : "fixed-response"
                      } ],
                      "loadBalancerARN" : {
                        "$ref" : "#/resources/AWS::ElasticLoadBalancingV2::LoadBalancer/LoadBalancer/status/loadBalancerARN"
                      },
                      "port" : 80,
                      "protocol" : "HTTP",
                      "tags" : { }
                    }
                  }
                },
                "AWS::ElasticLoadBalancingV2::LoadBalancer" : {
                  "LoadBalancer" : {
                    "spec" : {
                      "ipAddressType" : "ipv4",
                      "loadBalancerAttributes" : [ ],
                      "name" : "k8s-ns-web-0123456789",
                      "scheme" : "internal",
                      "securityGroups" : [ {
                        "$ref" : "#/shared/backendSecurityGroup/groupID"
                      } ],
                      "subnetMapping" : [ {
                        "subnetID" : "subnet-b"
                      }, {
                        "subnetID" : "subnet-a"
                      } ],
                      "tags" : {
                        "a" : "2",
                        "z" : "1"
                      },
                      "type" : "application"
                    }
                  }
                }
              }
            }
            """);
  }

  @Test
  void aDuplicateResourceIsRejected() {
    var stack = new Stack(StackId.service("ns", "svc"));
    var spec =
        new ListenerSpec(Token.of("arn"), 80, "TCP", List.of(), null, null, null, null, Map.of());
    stack.add("80", spec);
    assertThatThrownBy(() -> stack.add("80", spec)).hasMessageContaining("duplicate");
  }
}
