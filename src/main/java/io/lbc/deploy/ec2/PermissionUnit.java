package io.lbc.deploy.ec2;

import io.lbc.deploy.ResolvedTokens;
import io.lbc.model.Token;
import io.lbc.model.ec2.IpPermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One inbound rule reduced to a single source, so that desired and actual rules compare as sets
 * whatever way AWS groups them. Descriptions do not take part in the comparison.
 */
record PermissionUnit(
    String protocol,
    Integer fromPort,
    Integer toPort,
    Source source,
    String sourceValue,
    String description) {

  enum Source {
    CIDR,
    CIDR_V6,
    PREFIX_LIST,
    GROUP
  }

  /** The identity of a rule, without its description. */
  record Key(
      String protocol, Integer fromPort, Integer toPort, Source source, String sourceValue) {}

  Key key() {
    return new Key(protocol, fromPort, toPort, source, sourceValue);
  }

  static Set<PermissionUnit> flatten(List<IpPermission> permissions, ResolvedTokens tokens) {
    var units = new LinkedHashSet<PermissionUnit>();
    for (IpPermission p : permissions) {
      String protocol = p.ipProtocol();
      Integer from = "-1".equals(protocol) ? null : p.fromPort();
      Integer to = "-1".equals(protocol) ? null : p.toPort();
      for (var range : nonNull(p.ipRanges())) {
        units.add(
            new PermissionUnit(
                protocol, from, to, Source.CIDR, range.cidrIP(), range.description()));
      }
      for (var range : nonNull(p.ipv6Ranges())) {
        units.add(
            new PermissionUnit(
                protocol, from, to, Source.CIDR_V6, range.cidrIPv6(), range.description()));
      }
      for (var list : nonNull(p.prefixListIds())) {
        units.add(
            new PermissionUnit(
                protocol, from, to, Source.PREFIX_LIST, list.listID(), list.description()));
      }
      for (var pair : nonNull(p.userIdGroupPairs())) {
        units.add(
            new PermissionUnit(
                protocol,
                from,
                to,
                Source.GROUP,
                tokens.resolve(pair.groupID()),
                pair.description()));
      }
    }
    return units;
  }

  IpPermission toPermission() {
    return new IpPermission(
        protocol,
        fromPort,
        toPort,
        source == Source.CIDR
            ? List.of(new IpPermission.IpRange(sourceValue, description))
            : List.of(),
        source == Source.CIDR_V6
            ? List.of(new IpPermission.Ipv6Range(sourceValue, description))
            : List.of(),
        source == Source.PREFIX_LIST
            ? List.of(new IpPermission.PrefixListId(sourceValue, description))
            : List.of(),
        source == Source.GROUP
            ? List.of(new IpPermission.UserIdGroupPair(Token.of(sourceValue), description))
            : List.of());
  }

  static List<IpPermission> toPermissions(List<PermissionUnit> units) {
    var result = new ArrayList<IpPermission>();
    units.forEach(u -> result.add(u.toPermission()));
    return result;
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
