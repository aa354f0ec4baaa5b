package io.lbc.deploy;

import io.lbc.model.StackId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes whose effect does not show on the next read, remembered across deploys so that they are
 * not repeated on every reconcile. Keyed by stack, resource and field, for one desired value: a
 * field that still reads back drifted after a write is written again only after a backoff (3 s,
 * then 6 s), at most {@link #MAX_WRITES} times in all; then one warning names the resource and the
 * field, and the field is left alone until its desired value changes (or it reads back converged).
 */
public final class NonConvergingWrites {
  static final int MAX_WRITES = 3;
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(3);
  private static final int MAX_TRACKED = 4096;

  private record Key(StackId stack, String resourceType, String resourceId, String field) {}

  private static final class Entry {
    final int desiredHash;
    int writes = 1;
    Instant last;
    boolean reported;

    Entry(int desiredHash, Instant last) {
      this.desiredHash = desiredHash;
      this.last = last;
    }
  }

  private final Clock clock;
  private final Map<Key, Entry> entries =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
          return size() > MAX_TRACKED;
        }
      };

  public NonConvergingWrites() {
    this(Clock.systemUTC());
  }

  public NonConvergingWrites(Clock clock) {
    this.clock = clock;
  }

  /** The view of one deploy of one stack; it collects that deploy's warnings. */
  public Session session(StackId stack) {
    return new Session(stack);
  }

  static Duration backoff(int writes) {
    return FIRST_BACKOFF.multipliedBy(1L << Math.max(0, writes - 1));
  }

  /** One deploy's decisions. Not shared between threads. */
  public final class Session {
    private final StackId stack;

    /** Per resource ({@code type id}), each field given up in this deploy with what was read. */
    private final Map<String, List<String>> givenUp = new LinkedHashMap<>();

    private Duration recheckAfter;

    private Session(StackId stack) {
      this.stack = stack;
    }

    /**
     * The field of the resource reads back unlike {@code desired}: whether to write it now. A
     * {@code true} counts as one write of that value.
     *
     * @param actual what was read back, for the warning
     */
    public boolean mayWrite(
        String resourceType, String resourceId, String field, Object desired, Object actual) {
      var key = new Key(stack, resourceType, resourceId, field);
      int hash = Objects.hashCode(desired);
      Instant now = clock.instant();
      synchronized (entries) {
        Entry entry = entries.get(key);
        if (entry == null || entry.desiredHash != hash) {
          entries.put(key, new Entry(hash, now));
          return true;
        }
        if (entry.writes >= MAX_WRITES) {
          if (!entry.reported) {
            entry.reported = true;
            givenUp
                .computeIfAbsent(resourceType + " " + resourceId, k -> new ArrayList<>())
                .add(field + " (reads back " + shortened(actual) + ")");
          }
          return false;
        }
        Instant next = entry.last.plus(backoff(entry.writes));
        if (now.isBefore(next)) {
          recheck(Duration.between(now, next));
          return false;
        }
        entry.writes++;
        entry.last = now;
        recheck(backoff(entry.writes));
        return true;
      }
    }

    /** The field reads back as desired: whatever was remembered of it is forgotten. */
    public void converged(String resourceType, String resourceId, String field) {
      synchronized (entries) {
        entries.remove(new Key(stack, resourceType, resourceId, field));
      }
    }

    /** One message per resource with fields that stopped being written in this deploy. */
    public List<String> warnings() {
      var messages = new ArrayList<String>();
      givenUp.forEach(
          (resource, fields) ->
              messages.add(
                  resource
                      + ": "
                      + String.join(", ", fields)
                      + (fields.size() == 1 ? " does" : " do")
                      + " not converge: written "
                      + MAX_WRITES
                      + " times without effect; not writing "
                      + (fields.size() == 1 ? "it" : "them")
                      + " again until the desired value changes"));
      return messages;
    }

    /** When to deploy again to retry a write held back by its backoff, if any. */
    public Optional<Duration> recheckAfter() {
      return Optional.ofNullable(recheckAfter);
    }

    private void recheck(Duration after) {
      if (recheckAfter == null || after.compareTo(recheckAfter) < 0) {
        recheckAfter = after;
      }
    }
  }

  private static String shortened(Object actual) {
    String read = String.valueOf(actual);
    return read.length() > 200 ? read.substring(0, 200) + "…" : read;
  }
}
