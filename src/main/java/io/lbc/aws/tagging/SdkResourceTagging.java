package io.lbc.aws.tagging;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.Tag;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagFilter;

public final class SdkResourceTagging implements ResourceTagging {
  private final ResourceGroupsTaggingApiClient client;

  public SdkResourceTagging(ResourceGroupsTaggingApiClient client) {
    this.client = client;
  }

  @Override
  public Map<String, Map<String, String>> resourcesTagged(
      String resourceType, Map<String, String> tags) {
    var result = new LinkedHashMap<String, Map<String, String>>();
    client
        .getResourcesPaginator(
            r ->
                r.resourceTypeFilters(resourceType)
                    .tagFilters(
                        tags.entrySet().stream()
                            .map(
                                e ->
                                    TagFilter.builder()
                                        .key(e.getKey())
                                        .values(e.getValue())
                                        .build())
                            .toList()))
        .resourceTagMappingList()
        .forEach(
            mapping -> {
              var resourceTags = new LinkedHashMap<String, String>();
              for (Tag tag : mapping.tags()) {
                resourceTags.put(tag.key(), tag.value());
              }
              result.put(mapping.resourceARN(), Map.copyOf(resourceTags));
            });
    return result;
  }
}
