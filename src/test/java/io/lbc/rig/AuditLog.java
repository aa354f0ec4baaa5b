package io.lbc.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The apiserver's audit log ({@link Rig#auditLog()}: every request made with a ServiceAccount
 * token, one JSON line per stage): {@link #mark} where a test step starts, then read the requests
 * of the namespace's ServiceAccount {@code lbc} made since.
 */
public final class AuditLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditLog() {}

  /** The number of lines so far; requests audited after it belong to what the test does next. */
  public static long mark(Rig rig) {
    try (var lines = Files.lines(rig.auditLog())) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Requests of the ServiceAccount {@code lbc} of {@code ns} (as {@link
   * ServiceAccounts#withManifestRoles} makes it) that completed after line {@code mark}.
   */
  public static List<JsonNode> completed(Rig rig, long mark, String ns) {
    String user = "system:serviceaccount:" + ns + ":lbc";
    var result = new ArrayList<JsonNode>();
    try (var lines = Files.lines(rig.auditLog())) {
      for (String line : (Iterable<String>) lines.skip(mark)::iterator) {
        JsonNode event = JSON.readTree(line);
        if (user.equals(event.path("user").path("username").asText())
            && "ResponseComplete".equals(event.path("stage").asText())
            && event.has("objectRef")) {
          result.add(event);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return result;
  }

  /**
   * LIST requests of that ServiceAccount after {@code mark}, counted by {@code "<resource> in
   * <namespace>"} ({@code all} for a cluster-wide one).
   */
  public static SortedMap<String, Long> lists(Rig rig, long mark, String ns) {
    var lists = new TreeMap<String, Long>();
    for (JsonNode request : completed(rig, mark, ns)) {
      if ("list".equals(request.path("verb").asText())) {
        JsonNode ref = request.path("objectRef");
        String where = ref.path("namespace").asText("");
        lists.merge(
            ref.path("resource").asText() + " in " + (where.isEmpty() ? "all" : where),
            1L,
            Long::sum);
      }
    }
    return lists;
  }
}
