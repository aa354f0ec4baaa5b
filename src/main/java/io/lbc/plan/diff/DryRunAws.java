package io.lbc.plan.diff;

import io.lbc.aws.ReadOnlyPorts;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.SecurityGroup;
import io.lbc.aws.elbv2.CreateLoadBalancer;
import io.lbc.aws.elbv2.CreateTargetGroup;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.Listener;
import io.lbc.aws.elbv2.ListenerCertificate;
import io.lbc.aws.elbv2.ListenerSettings;
import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.aws.elbv2.Rule;
import io.lbc.aws.elbv2.TargetGroup;
import io.lbc.model.elbv2.RuleTransform;
import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import io.lbc.plan.diff.PlannedChange.FieldChange;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * AWS ports for a dry-run deploy: reads go to the real (read-only) ports, writes are written down
 * in a {@link ChangeLog} instead of being sent. A create answers with a placeholder ID ({@code
 * planned:…}), and a read about a placeholder finds nothing, so the deployer carries on as if the
 * resource had just been created. A write this class does not know is still listed, by its method.
 */
public final class DryRunAws {
  /** The prefix of every ID a dry-run create hands out. */
  public static final String PLANNED = "planned:";

  private final Elbv2 elbv2Reads;
  private final Ec2 ec2Reads;
  private final ChangeLog log;
  private final Map<String, String> names = new HashMap<>();
  private final Map<String, Object> seen = new HashMap<>();

  public DryRunAws(Elbv2 elbv2Reads, Ec2 ec2Reads, ChangeLog log) {
    this.elbv2Reads = elbv2Reads;
    this.ec2Reads = ec2Reads;
    this.log = log;
  }

  public Elbv2 elbv2() {
    return proxy(Elbv2.class, elbv2Reads, this::elbv2Write);
  }

  public Ec2 ec2() {
    return proxy(Ec2.class, ec2Reads, this::ec2Write);
  }

  private interface Writes {
    Object write(Method method, Object[] args);
  }

  private <T> T proxy(Class<T> port, T reads, Writes writes) {
    Object proxy =
        Proxy.newProxyInstance(
            port.getClassLoader(),
            new Class<?>[] {port},
            (self, method, args) -> {
              Object[] arguments = args == null ? new Object[0] : args;
              if (method.getDeclaringClass() == Object.class) {
                return method.invoke(reads, arguments);
              }
              if (!ReadOnlyPorts.isRead(method.getName())) {
                return writes.write(method, arguments);
              }
              return read(method, reads, arguments);
            });
    return port.cast(proxy);
  }

  private Object read(Method method, Object reads, Object[] args) throws Throwable {
    Object[] real = args.clone();
    for (int i = 0; i < real.length; i++) {
      if (real[i] instanceof String s && s.startsWith(PLANNED)) {
        return ReadOnlyPorts.nothingFound(method.getReturnType());
      }
      if (real[i] instanceof Collection<?> c && c.stream().anyMatch(DryRunAws::isPlanned)) {
        List<?> known = c.stream().filter(e -> !isPlanned(e)).toList();
        if (known.isEmpty()) {
          return ReadOnlyPorts.nothingFound(method.getReturnType());
        }
        real[i] = known;
      }
    }
    Object result;
    try {
      result = method.invoke(reads, real);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    if (method.getName().equals("describeRules") && result instanceof Collection<?> rules) {
      for (Object rule : rules) {
        var r = (Rule) rule;
        remember(r.arn(), ruleName((String) real[0], r), r);
      }
    } else {
      remember(result);
    }
    return result;
  }

  private String ruleName(String listenerArn, Rule rule) {
    return name(listenerArn)
        + (rule.isDefault() ? " default rule" : " priority " + rule.priority());
  }

  private static boolean isPlanned(Object value) {
    return value instanceof String s && s.startsWith(PLANNED);
  }

  /** Names and last read state of what the deployer looked at, for the changes' names and olds. */
  private void remember(Object result) {
    if (result instanceof Optional<?> optional) {
      optional.ifPresent(this::remember);
    } else if (result instanceof Collection<?> all) {
      all.forEach(this::remember);
    } else if (result instanceof LoadBalancer lb) {
      remember(lb.arn(), lb.name(), lb);
    } else if (result instanceof TargetGroup tg) {
      remember(tg.arn(), tg.name(), tg);
    } else if (result instanceof Listener listener) {
      remember(listener.arn(), listenerName(listener.loadBalancerArn(), listener.port()), listener);
    } else if (result instanceof SecurityGroup group) {
      remember(group.groupId(), group.groupName(), group);
    }
  }

  private void remember(String id, String name, Object state) {
    names.put(id, name);
    seen.put(id, state);
  }

  private String listenerName(String loadBalancerArn, int port) {
    return name(loadBalancerArn) + ":" + port;
  }

  /** The name a user knows the resource by; the tail of its ARN when it was never read. */
  private String name(String id) {
    String known = names.get(id);
    if (known != null) {
      return known;
    }
    String[] parts = id.split("/");
    return parts.length >= 3 && id.startsWith("arn:")
        ? parts[2] + "/" + parts[parts.length - 1]
        : id;
  }

  private String planned(String kind, String name) {
    String id = PLANNED + kind + "/" + name;
    names.put(id, name);
    return id;
  }

  private Object elbv2Write(Method method, Object[] a) {
    switch (method.getName()) {
      case "createLoadBalancer" -> {
        var request = (CreateLoadBalancer) a[0];
        String arn = planned("loadbalancer", request.name());
        log.create(
            "LoadBalancer", request.name(), RecordFields.of(request, Set.of("name", "tags")));
        return new LoadBalancer(
            arn,
            request.name(),
            request.type(),
            request.scheme(),
            request.ipAddressType(),
            "(known after apply)",
            null,
            "active",
            request.subnets(),
            request.securityGroups());
      }
      case "deleteLoadBalancer" -> log.delete("LoadBalancer", name((String) a[0]));
      case "modifyLoadBalancerAttributes", "modifyTargetGroupAttributes" -> {
        String arn = (String) a[0];
        @SuppressWarnings("unchecked")
        var wanted = (Map<String, String>) a[1];
        boolean lb = method.getName().equals("modifyLoadBalancerAttributes");
        Map<String, String> before =
            lb
                ? elbv2Reads.describeLoadBalancerAttributes(arn)
                : elbv2Reads.describeTargetGroupAttributes(arn);
        log.modify(
            lb ? "LoadBalancer" : "TargetGroup",
            name(arn),
            RecordFields.diff("attributes.", before, wanted));
      }
      case "setSecurityGroups", "setSubnets", "setIpAddressType" -> {
        String arn = (String) a[0];
        LoadBalancer before = loadBalancer(arn);
        String field =
            switch (method.getName()) {
              case "setSecurityGroups" -> "securityGroups";
              case "setSubnets" -> "subnets";
              default -> "ipAddressType";
            };
        Object old =
            before == null
                ? null
                : switch (field) {
                  case "securityGroups" -> before.securityGroups();
                  case "subnets" -> before.subnets();
                  default -> before.ipAddressType();
                };
        log.modify("LoadBalancer", name(arn), List.of(new FieldChange(field, old, a[1])));
      }
      case "createListener" -> {
        String lbArn = (String) a[0];
        var settings = (ListenerSettings) a[1];
        String name = listenerName(lbArn, settings.port());
        String arn = planned("listener", name);
        log.create("Listener", name, RecordFields.of(settings, Set.of("port")));
        return listener(arn, lbArn, settings);
      }
      case "modifyListener" -> {
        String arn = (String) a[0];
        var settings = (ListenerSettings) a[1];
        var before = (Listener) seen.get(arn);
        log.modify("Listener", name(arn), RecordFields.diff("", before, settings));
        return listener(arn, before == null ? null : before.loadBalancerArn(), settings);
      }
      case "deleteListener" -> log.delete("Listener", name((String) a[0]));
      case "addListenerCertificates", "removeListenerCertificates" -> {
        String arn = (String) a[0];
        @SuppressWarnings("unchecked")
        var changed = (Collection<String>) a[1];
        List<String> before =
            isPlanned(arn)
                ? List.of()
                : elbv2Reads.describeListenerCertificates(arn).stream()
                    .map(ListenerCertificate::certificateArn)
                    .toList();
        var after = new ArrayList<>(before);
        if (method.getName().startsWith("add")) {
          changed.stream().filter(c -> !after.contains(c)).forEach(after::add);
        } else {
          after.removeAll(changed);
        }
        log.modify("Listener", name(arn), List.of(new FieldChange("certificates", before, after)));
      }
      case "modifyListenerAttributes" -> {
        String arn = (String) a[0];
        @SuppressWarnings("unchecked")
        var wanted = (Map<String, String>) a[1];
        Map<String, String> before =
            isPlanned(arn) ? Map.of() : elbv2Reads.describeListenerAttributes(arn);
        log.modify("Listener", name(arn), RecordFields.diff("attributes.", before, wanted));
      }
      case "createRule" -> {
        String listenerArn = (String) a[0];
        int priority = (Integer) a[1];
        List<RuleTransform> transforms = a.length > 5 ? castList(a[4]) : List.of();
        Rule rule = new Rule(null, priority, false, castList(a[2]), castList(a[3]), transforms);
        String name = ruleName(listenerArn, rule);
        String arn = planned("rule", name);
        rule = new Rule(arn, priority, false, rule.actions(), rule.conditions(), transforms);
        log.create("Rule", name, RecordFields.of(rule, Set.of("arn", "priority", "isDefault")));
        return rule;
      }
      case "modifyRule" -> {
        String arn = (String) a[0];
        var before = (Rule) seen.get(arn);
        var after =
            new Rule(
                arn,
                before == null ? 0 : before.priority(),
                false,
                castList(a[1]),
                castList(a[2]),
                a.length > 3 ? castList(a[3]) : List.of());
        log.modify("Rule", name(arn), RecordFields.diff("", before, after));
      }
      case "setRulePriorities" -> {
        @SuppressWarnings("unchecked")
        var priorities = (Map<String, Integer>) a[0];
        priorities.forEach(
            (arn, priority) -> {
              var before = (Rule) seen.get(arn);
              log.modify(
                  "Rule",
                  name(arn),
                  List.of(
                      new FieldChange(
                          "priority", before == null ? null : before.priority(), priority)));
            });
      }
      case "deleteRule" -> log.delete("Rule", name((String) a[0]));
      case "createTargetGroup" -> {
        var request = (CreateTargetGroup) a[0];
        String arn = planned("targetgroup", request.name());
        log.create("TargetGroup", request.name(), RecordFields.of(request, Set.of("name", "tags")));
        return new TargetGroup(
            arn,
            request.name(),
            request.targetType(),
            request.port(),
            request.protocol(),
            request.protocolVersion(),
            request.ipAddressType(),
            request.vpcId(),
            request.healthCheck(),
            List.of(),
            request.targetControlPort());
      }
      case "modifyTargetGroup" -> {
        String arn = (String) a[0];
        var healthCheck = (HealthCheckConfig) a[1];
        TargetGroup before = elbv2Reads.describeTargetGroup(arn).orElse(null);
        log.modify(
            "TargetGroup",
            name(arn),
            RecordFields.diff(
                "healthCheck.", before == null ? null : before.healthCheck(), healthCheck));
        return before == null
            ? null
            : new TargetGroup(
                before.arn(),
                before.name(),
                before.targetType(),
                before.port(),
                before.protocol(),
                before.protocolVersion(),
                before.ipAddressType(),
                before.vpcId(),
                healthCheck,
                before.loadBalancerArns(),
                before.targetControlPort());
      }
      case "deleteTargetGroup" -> log.delete("TargetGroup", name((String) a[0]));
      case "registerTargets", "deregisterTargets" -> {
        log.modify(
            "TargetGroup",
            name((String) a[0]),
            List.of(
                new FieldChange(
                    method.getName().startsWith("register") ? "register" : "deregister",
                    null,
                    a[1])));
        return 0;
      }
      case "addTags", "removeTags" -> tags(elbKind((String) a[0]), (String) a[0], method, a[1]);
      default -> unknownWrite(method, a);
    }
    return null;
  }

  private Object ec2Write(Method method, Object[] a) {
    switch (method.getName()) {
      case "createSecurityGroup" -> {
        String name = (String) a[1];
        var fields = new ArrayList<FieldChange>();
        fields.add(new FieldChange("description", null, a[2]));
        log.create("SecurityGroup", name, fields);
        return planned("securitygroup", name);
      }
      case "authorizeIngress", "revokeIngress" -> {
        boolean add = method.getName().startsWith("authorize");
        log.modify(
            "SecurityGroup",
            name((String) a[0]),
            List.of(new FieldChange("ingress", add ? null : a[1], add ? a[1] : null)));
      }
      case "deleteSecurityGroup" -> log.delete("SecurityGroup", name((String) a[0]));
      case "createTags", "deleteTags" -> tags("SecurityGroup", (String) a[0], method, a[1]);
      default -> unknownWrite(method, a);
    }
    return null;
  }

  private void tags(String kind, String id, Method method, Object change) {
    if (isPlanned(id)) {
      return; // part of the create
    }
    Map<String, String> before = currentTags(id);
    var after = new LinkedHashMap<>(before);
    if (change instanceof Map<?, ?> added) {
      added.forEach((k, v) -> after.put((String) k, (String) v));
    } else if (change instanceof Collection<?> removed) {
      removed.forEach(after::remove);
    }
    var fields = new ArrayList<FieldChange>(RecordFields.diff("tags.", before, after));
    before.keySet().stream()
        .filter(k -> !after.containsKey(k))
        .forEach(k -> fields.add(new FieldChange("tags." + k, before.get(k), null)));
    log.modify(kind, name(id), fields);
  }

  private Map<String, String> currentTags(String id) {
    if (seen.get(id) instanceof SecurityGroup group) {
      return group.tags() == null ? Map.of() : group.tags();
    }
    if (id.startsWith("arn:")) {
      return elbv2Reads.describeTags(List.of(id)).getOrDefault(id, Map.of());
    }
    return Map.of();
  }

  private void unknownWrite(Method method, Object[] args) {
    String target = args.length > 0 && args[0] instanceof String s ? name(s) : method.getName();
    log.modify(
        "AWS",
        target,
        List.of(new FieldChange(method.getName(), null, args.length > 1 ? args[1] : null)));
  }

  private String elbKind(String arn) {
    if (arn.contains(":targetgroup/")) {
      return "TargetGroup";
    }
    if (arn.contains(":listener-rule/")) {
      return "Rule";
    }
    if (arn.contains(":listener/")) {
      return "Listener";
    }
    return "LoadBalancer";
  }

  private LoadBalancer loadBalancer(String arn) {
    if (seen.get(arn) instanceof LoadBalancer lb) {
      return lb;
    }
    return elbv2Reads.describeLoadBalancer(arn).orElse(null);
  }

  private static Listener listener(String arn, String lbArn, ListenerSettings s) {
    return new Listener(
        arn,
        lbArn,
        s.port(),
        s.protocol(),
        s.defaultActions(),
        s.defaultCertificateArn(),
        s.sslPolicy(),
        s.alpnPolicy(),
        s.mutualAuthentication());
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> castList(Object value) {
    return (List<T>) value;
  }
}
