package io.lbc.k8s;

/**
 * Every informer lists in pages. An unpaged LIST of all pods arrives as one response whose objects
 * are all alive, untrimmed, at once: with 5,000 ordinary pods that alone exceeded a 256 MiB heap
 * ({@code CacheMemoryBenchmark}). Page by page, each page is trimmed into the cache before the next
 * is read. 500 is client-go's pager default.
 */
public final class InformerPaging {
  public static final long LIST_PAGE_SIZE = 500L;

  private InformerPaging() {}
}
