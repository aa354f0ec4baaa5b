package io.lbc.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lbc.rig.Rig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The IAM policy in {@code iam/} allows exactly the AWS operations the code can call — none
 * missing, none extra — and conditions every mutating one on the cluster tag's value. The
 * operations are read from the sources of {@code io.lbc.aws}, the only package allowed to call the
 * SDK.
 */
class IamPolicyTest {
  static final Path SOURCES = Rig.repoRoot().resolve("src/main/java/io/lbc");
  static final Path POLICY = Rig.repoRoot().resolve("iam/policy.json");
  static final String CLUSTER_PLACEHOLDER = "${CLUSTER_NAME}";

  /** IAM service prefix of each SDK client type. */
  static final Map<String, String> PREFIXES =
      Map.of(
          "ElasticLoadBalancingV2Client", "elasticloadbalancing",
          "Ec2Client", "ec2",
          "AcmClient", "acm",
          "Wafv2Client", "wafv2",
          "WafRegionalClient", "waf-regional",
          "ShieldClient", "shield",
          "ResourceGroupsTaggingApiClient", "tag",
          "StsClient", "sts",
          "Route53Client", "route53");

  /**
   * Permissions AWS checks on the load balancer when a web ACL is (dis)associated with it: not an
   * operation the code calls, but required alongside the WAF ones.
   */
  static final Map<String, Set<String>> REQUIRED_ALONGSIDE =
      Map.of(
          "acm:AddTagsToCertificate",
          Set.of("acm:RequestCertificate"),
          "elasticloadbalancing:SetWebAcl",
          Set.of(
              "wafv2:AssociateWebACL",
              "wafv2:DisassociateWebACL",
              "waf-regional:AssociateWebACL",
              "waf-regional:DisassociateWebACL"));

  /**
   * Mutating actions AWS offers no cluster-tag condition for (the web ACL is the user's, untagged):
   * each is allowed unconditioned only because the permission named here, which AWS also checks on
   * the same call, is conditioned on the cluster tag of the load balancer.
   */
  static final Map<String, String> GUARDED_BY =
      Map.of(
          "wafv2:AssociateWebACL", "elasticloadbalancing:SetWebAcl",
          "wafv2:DisassociateWebACL", "elasticloadbalancing:SetWebAcl",
          "waf-regional:AssociateWebACL", "elasticloadbalancing:SetWebAcl",
          "waf-regional:DisassociateWebACL", "elasticloadbalancing:SetWebAcl");

  /**
   * Mutating actions on what AWS cannot tag (Route 53 records): each is conditioned on the keys AWS
   * offers for it instead, here the record type and name of ACM validation records (CNAMEs whose
   * names start with an underscore).
   */
  static final Map<String, Set<String>> CONDITIONED_BY_KEYS =
      Map.of(
          "route53:ChangeResourceRecordSets",
          Set.of(
              "route53:ChangeResourceRecordSetsRecordTypes",
              "route53:ChangeResourceRecordSetsNormalizedRecordNames"));

  /**
   * Actions that change nothing in AWS although their names do not say so: AssumeRole hands out
   * credentials of a role whose trust policy (in the other account) decides who may assume it; it
   * has no tag condition to give.
   */
  static final Set<String> NOT_WRITES = Set.of("sts:AssumeRole");

  private static final Pattern FIELD =
      // a client field, or a Supplier of one (clients built on first use: AwsClients)
      Pattern.compile(
          "(?:private\\s+|protected\\s+)?final\\s+(?:Supplier<)?(\\w+Client)>?\\s+(\\w+)\\s*;");
  private static final Pattern EXTENDS = Pattern.compile("class\\s+\\w+\\s+extends\\s+(\\w+)");
  private static final Set<String> NOT_OPERATIONS =
      Set.of("close", "serviceName", "serviceClientConfiguration", "waiter");

  @Test
  void thePolicyAllowsExactlyTheOperationsTheCodeCalls() throws IOException {
    Set<String> expected = new TreeSet<>(operationsCalled());
    REQUIRED_ALONGSIDE.forEach(
        (companion, callers) -> {
          if (callers.stream().anyMatch(expected::contains)) {
            expected.add(companion);
          }
        });
    assertThat(actions(policy())).isEqualTo(expected);
  }

  @Test
  void everyMutatingActionIsConditionedOnTheClusterTagValue() throws IOException {
    List<String> unconditioned = new ArrayList<>();
    for (JsonNode statement : policy().get("Statement")) {
      for (String action : list(statement.get("Action"))) {
        if (!isReadOnly(action)
            && !NOT_WRITES.contains(action)
            && !conditionedOnClusterTag(statement.get("Condition"))
            && !conditionedByKeys(action, statement.get("Condition"))
            && !guardedByConditionedAction(action)) {
          unconditioned.add(action + " in " + statement.path("Sid").asText());
        }
      }
    }
    assertThat(unconditioned).as("mutating actions without the cluster tag condition").isEmpty();
  }

  @Test
  void onlyTheAwsPackageImportsSdkServices() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      List<String> offenders =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> !f.startsWith(SOURCES.resolve("aws")))
              .filter(f -> read(f).contains("import software.amazon.awssdk.services."))
              .map(f -> SOURCES.relativize(f).toString())
              .toList();
      assertThat(offenders).isEmpty();
    }
  }

  /**
   * {@code prefix:Operation} of every SDK client method called through a client field, the fields
   * of a superclass in the same package included.
   */
  static Set<String> operationsCalled() throws IOException {
    var operations = new TreeSet<String>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SOURCES.resolve("aws"))) {
      files = walk.filter(f -> f.toString().endsWith(".java")).toList();
    }
    for (Path file : files) {
      String source = read(file);
      for (Map.Entry<String, String> field : clientFields(file, source).entrySet()) {
        String prefix = PREFIXES.get(field.getValue());
        Matcher call =
            Pattern.compile(
                    "\\b" + field.getKey() + "\\s*\\.\\s*(?:get\\(\\)\\s*\\.\\s*)?(\\w+)\\s*\\(")
                .matcher(source);
        while (call.find()) {
          String method = call.group(1).replaceFirst("Paginator$", "");
          if (!NOT_OPERATIONS.contains(method)) {
            operations.add(
                prefix + ":" + Character.toUpperCase(method.charAt(0)) + method.substring(1));
          }
        }
      }
    }
    return operations;
  }

  /** SDK client fields of the file's class and of its superclass chain in the same folder. */
  private static Map<String, String> clientFields(Path file, String source) {
    var fields = new java.util.HashMap<String, String>();
    Matcher field = FIELD.matcher(source);
    while (field.find()) {
      if (PREFIXES.containsKey(field.group(1))) {
        fields.put(field.group(2), field.group(1));
      }
    }
    Matcher parent = EXTENDS.matcher(source);
    if (parent.find()) {
      Path parentFile = file.resolveSibling(parent.group(1) + ".java");
      if (Files.exists(parentFile)) {
        clientFields(parentFile, read(parentFile)).forEach(fields::putIfAbsent);
      }
    }
    return fields;
  }

  private static boolean conditionedByKeys(String action, JsonNode condition) {
    Set<String> keys = CONDITIONED_BY_KEYS.get(action);
    if (keys == null || condition == null) {
      return false;
    }
    var present = new TreeSet<String>();
    condition.forEach(operator -> operator.fieldNames().forEachRemaining(present::add));
    return present.containsAll(keys);
  }

  private static boolean guardedByConditionedAction(String action) throws IOException {
    String guard = GUARDED_BY.get(action);
    if (guard == null) {
      return false;
    }
    for (JsonNode statement : policy().get("Statement")) {
      if (list(statement.get("Action")).contains(guard)
          && conditionedOnClusterTag(statement.get("Condition"))) {
        return true;
      }
    }
    return false;
  }

  static boolean isReadOnly(String action) {
    String operation = action.substring(action.indexOf(':') + 1);
    return operation.startsWith("Describe")
        || operation.startsWith("List")
        || operation.startsWith("Get");
  }

  private static boolean conditionedOnClusterTag(JsonNode condition) {
    if (condition == null) {
      return false;
    }
    JsonNode equals = condition.get("StringEquals");
    if (equals == null) {
      return false;
    }
    for (String key :
        List.of("aws:ResourceTag/elbv2.k8s.aws/cluster", "aws:RequestTag/elbv2.k8s.aws/cluster")) {
      if (equals.has(key) && CLUSTER_PLACEHOLDER.equals(equals.get(key).asText())) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> actions(JsonNode policy) {
    var actions = new TreeSet<String>();
    for (JsonNode statement : policy.get("Statement")) {
      for (String action : list(statement.get("Action"))) {
        assertThat(action).as("no wildcards: every action is listed").doesNotContain("*");
        actions.add(action);
      }
    }
    return actions;
  }

  private static List<String> list(JsonNode node) {
    var values = new ArrayList<String>();
    if (node.isArray()) {
      node.forEach(n -> values.add(n.asText()));
    } else {
      values.add(node.asText());
    }
    return values;
  }

  private static JsonNode policy() throws IOException {
    return new ObjectMapper().readTree(Files.readString(POLICY));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
