package io.lbc.aws.ec2;

import io.lbc.aws.Tokens;
import io.lbc.model.Token;
import io.lbc.model.ec2.IpPermission;
import io.lbc.model.ec2.IpPermission.IpRange;
import io.lbc.model.ec2.IpPermission.Ipv6Range;
import io.lbc.model.ec2.IpPermission.PrefixListId;
import io.lbc.model.ec2.IpPermission.UserIdGroupPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * Converts security group rules between the model and the SDK.
 *
 * <p>Reading normalizes: one {@link IpPermission} per (protocol, fromPort, toPort), holding every
 * range of that key in the order AWS lists them (AWS already groups this way; moto answers with one
 * entry per authorize call). Protocol {@code -1} (all traffic) has null ports, whatever AWS answers
 * for them. Descriptions that are absent are null.
 */
final class IpPermissions {
  static final String ALL_PROTOCOLS = "-1";

  private IpPermissions() {}

  static List<software.amazon.awssdk.services.ec2.model.IpPermission> toSdk(
      List<IpPermission> permissions) {
    return permissions.stream().map(IpPermissions::toSdk).toList();
  }

  static software.amazon.awssdk.services.ec2.model.IpPermission toSdk(IpPermission permission) {
    boolean all = ALL_PROTOCOLS.equals(permission.ipProtocol());
    return software.amazon.awssdk.services.ec2.model.IpPermission.builder()
        .ipProtocol(permission.ipProtocol())
        .fromPort(all ? null : permission.fromPort())
        .toPort(all ? null : permission.toPort())
        .ipRanges(
            nullIfEmpty(
                orEmpty(permission.ipRanges()).stream()
                    .map(
                        r ->
                            software.amazon.awssdk.services.ec2.model.IpRange.builder()
                                .cidrIp(r.cidrIP())
                                .description(r.description())
                                .build())
                    .toList()))
        .ipv6Ranges(
            nullIfEmpty(
                orEmpty(permission.ipv6Ranges()).stream()
                    .map(
                        r ->
                            software.amazon.awssdk.services.ec2.model.Ipv6Range.builder()
                                .cidrIpv6(r.cidrIPv6())
                                .description(r.description())
                                .build())
                    .toList()))
        .prefixListIds(
            nullIfEmpty(
                orEmpty(permission.prefixListIds()).stream()
                    .map(
                        p ->
                            software.amazon.awssdk.services.ec2.model.PrefixListId.builder()
                                .prefixListId(p.listID())
                                .description(p.description())
                                .build())
                    .toList()))
        .userIdGroupPairs(
            nullIfEmpty(
                orEmpty(permission.userIdGroupPairs()).stream()
                    .map(
                        p ->
                            software.amazon.awssdk.services.ec2.model.UserIdGroupPair.builder()
                                .groupId(Tokens.literal(p.groupID(), "userIdGroupPairs.groupID"))
                                .description(p.description())
                                .build())
                    .toList()))
        .build();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  /** EC2 is sent no list rather than an empty one. */
  private static <T> List<T> nullIfEmpty(List<T> list) {
    return list.isEmpty() ? null : list;
  }

  private record Key(String protocol, Integer fromPort, Integer toPort) {}

  /** Merges AWS's entries into one permission per protocol and port range, first seen first. */
  static List<IpPermission> fromSdk(
      List<software.amazon.awssdk.services.ec2.model.IpPermission> permissions) {
    var merged = new LinkedHashMap<Key, Ranges>();
    for (var sdk : permissions) {
      boolean all = ALL_PROTOCOLS.equals(sdk.ipProtocol());
      var key = new Key(sdk.ipProtocol(), all ? null : sdk.fromPort(), all ? null : sdk.toPort());
      Ranges ranges = merged.computeIfAbsent(key, k -> new Ranges());
      sdk.ipRanges()
          .forEach(r -> ranges.add(ranges.ipv4, new IpRange(r.cidrIp(), r.description())));
      sdk.ipv6Ranges()
          .forEach(r -> ranges.add(ranges.ipv6, new Ipv6Range(r.cidrIpv6(), r.description())));
      sdk.prefixListIds()
          .forEach(
              p ->
                  ranges.add(
                      ranges.prefixLists, new PrefixListId(p.prefixListId(), p.description())));
      sdk.userIdGroupPairs()
          .forEach(
              p ->
                  ranges.add(
                      ranges.groups, new UserIdGroupPair(Token.of(p.groupId()), p.description())));
    }
    var result = new ArrayList<IpPermission>();
    merged.forEach(
        (key, ranges) ->
            result.add(
                new IpPermission(
                    key.protocol(),
                    key.fromPort(),
                    key.toPort(),
                    List.copyOf(ranges.ipv4),
                    List.copyOf(ranges.ipv6),
                    List.copyOf(ranges.prefixLists),
                    List.copyOf(ranges.groups))));
    return result;
  }

  /** The sources of one merged permission; a source AWS lists twice is kept once. */
  private static final class Ranges {
    final List<IpRange> ipv4 = new ArrayList<>();
    final List<Ipv6Range> ipv6 = new ArrayList<>();
    final List<PrefixListId> prefixLists = new ArrayList<>();
    final List<UserIdGroupPair> groups = new ArrayList<>();

    <T> void add(List<T> list, T item) {
      if (list.stream().noneMatch(existing -> Objects.equals(existing, item))) {
        list.add(item);
      }
    }
  }
}
