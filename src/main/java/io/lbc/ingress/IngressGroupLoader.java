package io.lbc.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.lbc.annotations.Annotations;
import io.lbc.annotations.KeyInventory;
import io.lbc.annotations.Surface;
import io.lbc.config.ControllerConfig;
import io.lbc.k8s.ClusterView;
import io.lbc.model.StackId;
import io.lbc.model.UserInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Loads IngressGroups from a {@link ClusterView} (compat-spec §1.3 #1–#2, §5.3): which group an
 * Ingress belongs to, the finalizer of a group, and a group's members in order. Pure: reads the
 * view only.
 *
 * <p>Better than the reference (user pain #4): a member with a malformed {@code group.order}, or a
 * former member whose IngressClass became invalid, is excluded on its own instead of failing the
 * whole group.
 */
public final class IngressGroupLoader {
  public static final String IMPLICIT_FINALIZER = "ingress.k8s.aws/resources";
  public static final String EXPLICIT_FINALIZER_PREFIX = "group.ingress.k8s.aws/";
  static final String GROUP_NAME = KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "group.name");
  static final String GROUP_ORDER =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "group.order");
  private static final Pattern GROUP_NAME_PATTERN =
      Pattern.compile("^([a-z0-9][-a-z0-9.]*)?[a-z0-9]$");
  private static final int MAX_GROUP_NAME = 63;
  private static final int MIN_ORDER = -1000;
  private static final int MAX_ORDER = 1000;

  private final ClusterView view;
  private final IngressClassMatcher classes;

  public IngressGroupLoader(ClusterView view, ControllerConfig config) {
    this.view = view;
    this.classes = new IngressClassMatcher(view, config.kube().ingressClass());
  }

  public ClassMatch classify(Ingress ingress) {
    return classes.match(ingress);
  }

  /**
   * The group an Ingress belongs to; empty when this controller does not serve it or it is being
   * deleted.
   *
   * @throws UserInputException when its IngressClass is unusable or its group name is invalid
   */
  public Optional<StackId> groupOf(Ingress ingress) {
    if (deleting(ingress)) {
      return Optional.empty();
    }
    ClassMatch match = classes.match(ingress);
    if (match.outcome() == ClassMatch.Outcome.INVALID) {
      throw match.error();
    }
    if (!match.isOurs()) {
      return Optional.empty();
    }
    return Optional.of(groupId(new GroupMember(ingress, match.params())));
  }

  /**
   * The finalizer of a group: {@code ingress.k8s.aws/resources} or {@code
   * group.ingress.k8s.aws/<name>}.
   */
  public static String finalizer(StackId group) {
    return group.namespace().isPresent()
        ? IMPLICIT_FINALIZER
        : EXPLICIT_FINALIZER_PREFIX + group.value();
  }

  /** The groups whose finalizer the Ingress carries. */
  public static List<StackId> groupsOfFinalizers(Ingress ingress) {
    var groups = new ArrayList<StackId>();
    for (String finalizer : finalizers(ingress)) {
      if (finalizer.equals(IMPLICIT_FINALIZER)) {
        groups.add(implicitGroup(ingress));
      } else if (finalizer.startsWith(EXPLICIT_FINALIZER_PREFIX)) {
        groups.add(
            StackId.explicitIngressGroup(finalizer.substring(EXPLICIT_FINALIZER_PREFIX.length())));
      }
    }
    return groups;
  }

  /** Every group to reconcile: those of served Ingresses and those a finalizer still names. */
  public List<StackId> groups() {
    var groups = new TreeMap<String, StackId>();
    for (Ingress ingress : view.ingresses()) {
      try {
        groupOf(ingress).ifPresent(id -> groups.put(id.value(), id));
      } catch (UserInputException e) {
        // reported when the Ingress itself is reconciled
      }
      groupsOfFinalizers(ingress).forEach(id -> groups.put(id.value(), id));
    }
    return List.copyOf(groups.values());
  }

  public IngressGroup load(StackId group) {
    var members = new ArrayList<OrderedMember>();
    var leaving = new ArrayList<Ingress>();
    var excluded = new ArrayList<ExcludedMember>();
    for (Ingress ingress : view.ingresses()) {
      boolean finalized = carriesFinalizer(group, ingress);
      if (deleting(ingress)) {
        if (finalized) {
          leaving.add(ingress);
        }
        continue;
      }
      ClassMatch match = classes.match(ingress);
      if (match.outcome() == ClassMatch.Outcome.INVALID) {
        // The class may have been broken by accident: keep the member (and its finalizer) but
        // leave it out, rather than tearing its rules down (reference issue #2731).
        if (finalized) {
          excluded.add(new ExcludedMember(ingress, match.error()));
        }
        continue;
      }
      if (!match.isOurs()) {
        if (finalized) {
          leaving.add(ingress);
        }
        continue;
      }
      var member = new GroupMember(ingress, match.params());
      StackId memberGroup;
      try {
        memberGroup = groupId(member);
      } catch (UserInputException e) {
        if (finalized) {
          leaving.add(ingress); // a wrong group name means leaving the group, as the reference
        }
        continue;
      }
      if (!memberGroup.equals(group)) {
        if (finalized) {
          leaving.add(ingress);
        }
        continue;
      }
      try {
        members.add(new OrderedMember(member, order(ingress)));
      } catch (UserInputException e) {
        excluded.add(new ExcludedMember(ingress, e));
      }
    }
    members.sort(
        Comparator.comparingInt(OrderedMember::order).thenComparing(m -> m.member().key()));
    return new IngressGroup(
        group, members.stream().map(OrderedMember::member).toList(), leaving, excluded);
  }

  private record OrderedMember(GroupMember member, int order) {}

  /** IngressClassParams {@code spec.group.name} first, then the annotation, else implicit. */
  static StackId groupId(GroupMember member) {
    var params = member.classParams().map(p -> p.getSpec());
    if (params.isPresent() && params.get().group != null) {
      String field =
          "IngressClassParams "
              + member.classParams().get().getMetadata().getName()
              + " spec.group.name";
      return StackId.explicitIngressGroup(validGroupName(field, params.get().group.name));
    }
    var annotations = Annotations.ingress(member.ingress().getMetadata().getAnnotations());
    Optional<String> name = annotations.string(GROUP_NAME);
    if (name.isPresent()) {
      return StackId.explicitIngressGroup(validGroupName(annotations.key(GROUP_NAME), name.get()));
    }
    return implicitGroup(member.ingress());
  }

  private static String validGroupName(String field, String name) {
    if (name == null || !GROUP_NAME_PATTERN.matcher(name).matches()) {
      throw new UserInputException(
          field,
          "'"
              + name
              + "' is not a valid group name: use lower case letters, digits, '-' and '.',"
              + " starting and ending with a letter or digit");
    }
    if (name.length() > MAX_GROUP_NAME) {
      throw new UserInputException(
          field, "'" + name + "' is longer than " + MAX_GROUP_NAME + " characters");
    }
    return name;
  }

  /** The member order of an Ingress, 0 when its {@code group.order} is malformed. */
  static int orderOrZero(Ingress ingress) {
    try {
      return order(ingress);
    } catch (UserInputException e) {
      return 0;
    }
  }

  private static int order(Ingress ingress) {
    var annotations = Annotations.ingress(ingress.getMetadata().getAnnotations());
    int order = annotations.int32(GROUP_ORDER).orElse(0);
    if (order < MIN_ORDER || order > MAX_ORDER) {
      throw annotations.invalid(
          GROUP_ORDER, order + " is not within [" + MIN_ORDER + ", " + MAX_ORDER + "]");
    }
    return order;
  }

  private static boolean carriesFinalizer(StackId group, Ingress ingress) {
    String finalizer = finalizer(group);
    if (group.namespace().isPresent() && !implicitGroup(ingress).equals(group)) {
      return false;
    }
    return finalizers(ingress).contains(finalizer);
  }

  private static StackId implicitGroup(Ingress ingress) {
    return StackId.implicitIngressGroup(
        ingress.getMetadata().getNamespace(), ingress.getMetadata().getName());
  }

  private static List<String> finalizers(Ingress ingress) {
    List<String> finalizers = ingress.getMetadata().getFinalizers();
    return finalizers == null ? List.of() : finalizers;
  }

  private static boolean deleting(Ingress ingress) {
    return ingress.getMetadata().getDeletionTimestamp() != null;
  }
}
