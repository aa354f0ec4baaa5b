package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.lbc.deploy.StackResourceFinder;
import io.lbc.ingress.AlbBuildResult;
import io.lbc.ingress.AlbStackBuilder;
import io.lbc.ingress.ExcludedMember;
import io.lbc.ingress.GroupMember;
import io.lbc.ingress.IngressGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds an IngressGroup with the last good version of each member that is now left out for bad
 * input, so a typo loses no traffic. A member left out for a key this controller refuses fails
 * closed instead: its record is dropped and nothing older of it is served.
 */
final class LastGoodBuild {

  /**
   * @param result what was built; members served from their last good version are in {@code
   *     excluded} (they get the warning) and not in {@code built} (their status stays)
   * @param unknown excluded members that are served (their status has the address) but whose last
   *     good version is not known (e.g. deployed by an older controller): deploying without them
   *     removes their rules
   */
  record Outcome(AlbBuildResult result, List<Ingress> unknown) {}

  private final LastGoodVersions versions;
  private final StackResourceFinder finder;

  LastGoodBuild(LastGoodVersions versions, StackResourceFinder finder) {
    this.versions = versions;
    this.finder = finder;
  }

  Outcome build(IngressGroup group, AlbStackBuilder builder) {
    AlbBuildResult first = builder.build(group, finder.loadBalancer(group.id()));
    var substitutes = new ArrayList<GroupMember>();
    var unknown = new ArrayList<Ingress>();
    for (ExcludedMember excluded : first.excluded()) {
      if (excluded.failClosed()) {
        versions.forget(excluded.ingress());
        continue;
      }
      versions
          .lastGood(group.id(), excluded.ingress())
          .ifPresentOrElse(
              previous ->
                  substitutes.add(new GroupMember(previous, params(group, excluded.ingress()))),
              () -> {
                if (served(excluded.ingress())) {
                  unknown.add(excluded.ingress());
                }
              });
    }
    if (first.excluded().stream().anyMatch(e -> e.failClosed() && served(e.ingress()))) {
      unknown.clear(); // holding would keep serving a member that asked for what we refuse
    }
    if (substitutes.isEmpty()) {
      return new Outcome(first, unknown);
    }
    AlbBuildResult second =
        builder.build(withSubstitutes(group, substitutes), finder.loadBalancer(group.id()));
    return new Outcome(
        new AlbBuildResult(
            second.stack(),
            second.built().stream()
                .filter(
                    m -> first.excluded().stream().noneMatch(e -> same(e.ingress(), m.ingress())))
                .toList(),
            first.excluded(),
            second.deletionProtected(),
            second.deployable(),
            second.notices()),
        unknown);
  }

  /** The group with each substitute in place of (or, if it was not loaded, added to) its member. */
  private static IngressGroup withSubstitutes(IngressGroup group, List<GroupMember> substitutes) {
    var members = new ArrayList<GroupMember>();
    for (GroupMember member : group.members()) {
      members.add(
          substitutes.stream()
              .filter(s -> same(s.ingress(), member.ingress()))
              .findFirst()
              .orElse(member));
    }
    for (GroupMember substitute : substitutes) {
      if (members.stream().noneMatch(m -> same(m.ingress(), substitute.ingress()))) {
        members.add(substitute);
      }
    }
    List<ExcludedMember> stillExcluded =
        group.excluded().stream()
            .filter(e -> substitutes.stream().noneMatch(s -> same(s.ingress(), e.ingress())))
            .toList();
    return new IngressGroup(group.id(), members, group.leaving(), stillExcluded);
  }

  private static Optional<io.lbc.k8s.IngressClassParams> params(
      IngressGroup group, Ingress ingress) {
    return group.members().stream()
        .filter(m -> same(m.ingress(), ingress))
        .findFirst()
        .flatMap(GroupMember::classParams);
  }

  static boolean served(Ingress ingress) {
    return ingress.getStatus() != null
        && ingress.getStatus().getLoadBalancer() != null
        && ingress.getStatus().getLoadBalancer().getIngress() != null
        && !ingress.getStatus().getLoadBalancer().getIngress().isEmpty();
  }

  static String key(Ingress ingress) {
    return ingress.getMetadata().getNamespace() + "/" + ingress.getMetadata().getName();
  }

  static boolean same(Ingress a, Ingress b) {
    return a.getMetadata().getUid() != null
        && a.getMetadata().getUid().equals(b.getMetadata().getUid());
  }
}
