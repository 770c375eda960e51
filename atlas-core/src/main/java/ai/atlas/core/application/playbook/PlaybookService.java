package ai.atlas.core.application.playbook;

import ai.atlas.core.common.Sha256;
import ai.atlas.core.domain.playbook.PlaybookEntry;
import ai.atlas.core.domain.playbook.PlaybookEntry.Audience;
import ai.atlas.core.domain.playbook.PlaybookEntry.CueKind;
import ai.atlas.core.domain.playbook.PlaybookEntry.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A learning key's playbook: new entries pass quality gates, the entries worth trying are injected
 * under a size cap, and each session's reward is credited to the entries it carried, moving them
 * through their lifecycle by their impact (mean reward with the entry against without it).
 */
@ApplicationScoped
@Transactional
public class PlaybookService {

  /** Uses before an entry is judged. */
  static final int USES_TO_JUDGE = 3;
  /** How much worse than without an entry may do before it is deprecated. */
  static final double HARM = 0.1;
  static final int MAX_NEW_PER_SESSION = 3;
  /** Entries a key may have in use (active and provisional); beyond it the weakest provisional ones go. */
  static final int MAX_LIVE = 25;
  /** Uses after which an entry still provisional (no clear effect either way) is pruned. */
  static final int STALE_USES = 10;
  /** How long a deprecated entry stays visible to reviewers before it is pruned. */
  static final Duration DEPRECATED_KEPT = Duration.ofDays(7);
  private static final int MAX_CUE = 400;
  private static final int MAX_ACTION = 800;

  @PersistenceContext(unitName = "atlas")
  private EntityManager em;

  private Clock clock = Clock.systemUTC();

  protected PlaybookService() {}

  /** For use outside the container, with an entity manager whose transactions the caller runs. */
  public PlaybookService(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  /**
   * A candidate entry as the teacher proposed it, with how its cue applies and whose prompt it is
   * for (the teacher's {@code cue_type} and {@code audience}; absent or unknown: text, both).
   */
  public record Candidate(String cue, String action, String expectedEffect, String scope, CueKind cueKind, Audience audience) {
    public Candidate {
      cueKind = cueKind == null ? CueKind.TEXT : cueKind;
      audience = audience == null ? Audience.BOTH : audience;
    }

    public Candidate(String cue, String action, String expectedEffect, String scope) {
      this(cue, action, expectedEffect, scope, CueKind.TEXT, Audience.BOTH);
    }
  }

  /** The longest regex cue an entry may have. */
  static final int MAX_REGEX = 200;

  /**
   * A profile's own gates for new entries (atlas-sdk's {@code learning.gates}), on top of the
   * built-in ones: a cue must be given ({@code enforceCue}), an action must say what to do
   * ({@code enforceActionability}: a verb-led instruction of three words or more), an entry must be
   * general ({@code enforceGenerality}: no incident words, no long numbers or identifiers, no proper
   * nouns but the allowed ones), and cue plus action must fit {@code maxTextLength} plus the margin.
   */
  public record Gates(boolean enforceActionability, boolean enforceCue, boolean enforceGenerality, int maxTextLength,
      List<String> allowedProperNouns, List<String> bannedIncidentTokens, int overflowMargin) {
    /** atlas-sdk's defaults, for a gates block that leaves keys out. */
    public static final Gates ATLAS_SDK = new Gates(true, true, true, 420, List.of("SQL", "HTTP", "JSON", "Atlas", "API"),
        List.of("incident", "ticket", "case", "postmortem"), 20);

    public Gates {
      allowedProperNouns = List.copyOf(allowedProperNouns);
      bannedIncidentTokens = List.copyOf(bannedIncidentTokens);
    }

    private static final java.util.regex.Pattern LONG_NUMBER = java.util.regex.Pattern.compile("\\d{4,}|\\b[A-Z]{2,}-\\d+\\b");
    private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("[\\p{L}][\\p{L}'-]*");

    /** Why a candidate fails these gates, or null when it passes. */
    String refusal(Candidate c) {
      String cue = c.cue() == null ? "" : c.cue().strip();
      String action = c.action() == null ? "" : c.action().strip();
      if (enforceCue && cue.isEmpty()) {
        return "no cue";
      }
      if (cue.length() + action.length() > maxTextLength + overflowMargin) {
        return "longer than " + maxTextLength + " characters";
      }
      if (enforceActionability && action.split("\\s+").length < 3) {
        return "not an instruction";
      }
      if (enforceGenerality) {
        String text = (cue + " " + action);
        String lower = text.toLowerCase(Locale.ROOT);
        for (String banned : bannedIncidentTokens) {
          if (java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(banned.toLowerCase(Locale.ROOT)) + "\\b")
              .matcher(lower).find()) {
            return "names an incident ('" + banned + "')";
          }
        }
        if (LONG_NUMBER.matcher(text).find()) {
          return "names a specific number or identifier";
        }
        // the first word of a sentence (in the cue or the action) may be capitalised
        for (String sentence : (cue + "\n" + action).split("[.!?:;]\\s+|\\n")) {
          java.util.regex.Matcher words = WORD.matcher(sentence.strip());
          boolean first = true;
          while (words.find()) {
            String word = words.group();
            if (!first && Character.isUpperCase(word.charAt(0)) && !allowedProperNouns.contains(word)) {
              return "names '" + word + "'";
            }
            first = false;
          }
        }
      }
      return null;
    }
  }

  /**
   * How a profile ranks a session's candidate entries before the gates and the per-session cap
   * take the first ones (atlas-sdk's {@code learning.rubric_weights}): the weighted sum of
   * actionability (an instruction of three words or more), generality (no long numbers or
   * identifiers), hookability (a cue short enough to recognise: 120 characters) and concision
   * (200 characters of cue and action or fewer), each from 0 to 1.
   */
  public record Rubric(double actionability, double generality, double hookability, double concision) {

    double score(Candidate c) {
      String cue = c.cue() == null ? "" : c.cue().strip();
      String action = c.action() == null ? "" : c.action().strip();
      double act = action.split("\\s+").length >= 3 ? 1 : 0;
      double general = Gates.LONG_NUMBER.matcher(cue + " " + action).find() ? 0 : 1;
      double hook = cue.isEmpty() ? 0 : Math.min(1, 120.0 / cue.length());
      double concise = Math.min(1, 200.0 / Math.max(1, cue.length() + action.length()));
      return actionability * act + generality * general + hookability * hook + concision * concise;
    }

    /** The candidates best first by this rubric (equals keep the teacher's order). */
    List<Candidate> rank(List<Candidate> candidates) {
      return candidates.stream().sorted(Comparator.comparingDouble((Candidate c) -> -score(c))).toList();
    }
  }

  /**
   * What gets injected into a session: the lines for the student's prompt and those for the
   * teacher's validations with their entries, and how many of the key's entries were left out
   * because their cue did not match the task.
   */
  public record Injection(List<String> lines, List<String> teacherLines, List<Long> studentIds, List<Long> teacherIds, int notCued) {
    public static final Injection NONE = new Injection(List.of(), List.of(), List.of(), List.of(), 0);

    /** One list for student and teacher (no cue filtering). */
    public Injection(List<Long> entryIds, List<String> lines) {
      this(lines, lines, entryIds, entryIds, 0);
    }

    /** The same injection with only the lines of the audiences asked for (the others carry nothing and are not credited). */
    public Injection onlyFor(boolean student, boolean teacher) {
      return new Injection(student ? lines : List.of(), teacher ? teacherLines : List.of(), student ? studentIds : List.of(),
          teacher ? teacherIds : List.of(), notCued);
    }

    /** Every entry the session carries, for either audience: each is credited with its reward. */
    public List<Long> entryIds() {
      return java.util.stream.Stream.concat(studentIds.stream(), teacherIds.stream()).distinct().toList();
    }
  }

  /**
   * Stores the candidates that pass the gates, as provisional entries: a cue and an action of
   * sensible length, not a copy of the session's answer (a playbook teaches, it does not leak
   * answers), not a duplicate of an entry the key has, at most three per session.
   */
  public List<PlaybookEntry> learn(String learningKey, String profile, long sessionId, List<Candidate> candidates, String finalAnswer) {
    return learn(learningKey, profile, sessionId, candidates, finalAnswer, null, null);
  }

  /**
   * As {@link #learn(String, String, long, List, String)}, with a profile's own gates on top and
   * its rubric ranking the candidates first (either null: none).
   */
  public List<PlaybookEntry> learn(String learningKey, String profile, long sessionId, List<Candidate> candidates, String finalAnswer,
      Gates gates, Rubric rubric) {
    if (rubric != null) {
      candidates = rubric.rank(candidates);
    }
    Set<String> known = entries(learningKey).stream().map(e -> normalise(e.getCue()) + "|" + normalise(e.getAction()))
        .collect(Collectors.toSet());
    List<PlaybookEntry> stored = new ArrayList<>();
    for (Candidate c : candidates) {
      if (stored.size() >= MAX_NEW_PER_SESSION || !passesGates(c, finalAnswer) || gates != null && gates.refusal(c) != null) {
        continue;
      }
      String identity = normalise(c.cue()) + "|" + normalise(c.action());
      if (!known.add(identity)) {
        continue;
      }
      PlaybookEntry entry = new PlaybookEntry(learningKey, profile, c.cue().strip(), c.action().strip(),
          c.expectedEffect() == null ? null : c.expectedEffect().strip(), c.scope(), sessionId, clock.instant())
          .withCueAndAudience(c.cueKind(), c.audience()).withLessonHash(Sha256.hex(identity));
      em.persist(entry);
      em.flush(); // ids in the order the teacher proposed them
      stored.add(entry);
    }
    prune(learningKey);
    return stored;
  }

  /**
   * Ends the lifecycle of entries that no longer earn their place: provisional ones with no clear
   * effect after {@value #STALE_USES} uses, deprecated ones after a week, and the weakest
   * provisional ones (lowest mean reward, then oldest) while the key has more than
   * {@value #MAX_LIVE} in use. Pruned entries stay stored (so they are not learned again) but are
   * never injected. Answers how many were pruned.
   */
  public int prune(String learningKey) {
    List<PlaybookEntry> entries = entries(learningKey);
    int pruned = 0;
    for (PlaybookEntry entry : entries) {
      boolean stale = entry.getStatus() == Status.PROVISIONAL && entry.getUses() >= STALE_USES;
      boolean expired = entry.getStatus() == Status.DEPRECATED
          && entry.getUpdatedAt().plus(DEPRECATED_KEPT).isBefore(clock.instant());
      if (stale || expired) {
        entry.moveTo(Status.PRUNED, clock.instant());
        pruned++;
      }
    }
    List<PlaybookEntry> live = entries.stream().filter(e -> e.getStatus() == Status.ACTIVE || e.getStatus() == Status.PROVISIONAL).toList();
    List<PlaybookEntry> weakestFirst = live.stream().filter(e -> e.getStatus() == Status.PROVISIONAL)
        .sorted(Comparator.comparing((PlaybookEntry e) -> Double.isNaN(e.meanRewardWith()) ? Double.MAX_VALUE : e.meanRewardWith())
            .thenComparing(PlaybookEntry::getId))
        .toList();
    for (int i = 0; i < live.size() - MAX_LIVE && i < weakestFirst.size(); i++) {
      weakestFirst.get(i).moveTo(Status.PRUNED, clock.instant());
      pruned++;
    }
    return pruned;
  }

  static boolean passesGates(Candidate c, String finalAnswer) {
    if (c.cue() == null || c.action() == null || c.cue().isBlank() || c.action().isBlank()) {
      return false;
    }
    if (c.cue().length() > MAX_CUE || c.action().length() > MAX_ACTION || c.action().strip().length() < 8) {
      return false;
    }
    if (c.cueKind() == CueKind.REGEX && !validRegex(c.cue())) {
      return false;
    }
    String answer = finalAnswer == null ? "" : normalise(finalAnswer);
    return answer.length() < 20 || !normalise(c.action()).contains(answer);
  }

  private static boolean validRegex(String cue) {
    if (cue.length() > MAX_REGEX) {
      return false;
    }
    try {
      java.util.regex.Pattern.compile(cue);
      return true;
    } catch (java.util.regex.PatternSyntaxException e) {
      return false;
    }
  }

  /**
   * The entries for a session of this task: those whose cue applies to it (text cues always do),
   * active first, then provisional (to measure them), best first, each audience's lines within
   * {@code maxChars}.
   */
  public Injection forSession(String learningKey, String task, int maxChars) {
    List<PlaybookEntry> live = liveBestFirst(learningKey);
    List<PlaybookEntry> cued = live.stream().filter(e -> e.appliesTo(task)).toList();
    List<Long> studentIds = new ArrayList<>();
    List<Long> teacherIds = new ArrayList<>();
    List<String> student = within(cued.stream().filter(e -> e.getAudience().reaches(Audience.STUDENT)).toList(), maxChars, studentIds);
    List<String> teacher = within(cued.stream().filter(e -> e.getAudience().reaches(Audience.TEACHER)).toList(), maxChars, teacherIds);
    return new Injection(student, teacher, List.copyOf(studentIds), List.copyOf(teacherIds), live.size() - cued.size());
  }

  private static List<String> within(List<PlaybookEntry> entries, int maxChars, List<Long> ids) {
    List<String> lines = new ArrayList<>();
    int used = 0;
    for (PlaybookEntry entry : entries) {
      String line = entry.render();
      if (used + line.length() > maxChars) {
        continue;
      }
      used += line.length();
      ids.add(entry.getId());
      lines.add(line);
    }
    return lines;
  }

  private List<PlaybookEntry> liveBestFirst(String learningKey) {
    return entries(learningKey).stream()
        .filter(e -> e.getStatus() == Status.ACTIVE || e.getStatus() == Status.PROVISIONAL)
        .sorted(Comparator.comparing((PlaybookEntry e) -> e.getStatus() == Status.ACTIVE ? 0 : 1)
            .thenComparing(e -> Double.isNaN(e.meanRewardWith()) ? 0 : -e.meanRewardWith())
            .thenComparing(PlaybookEntry::getId))
        .toList();
  }

  /** The entries of a key whatever the task, for student and teacher alike (all cues taken as applying), within {@code maxChars}. */
  public Injection forSession(String learningKey, int maxChars) {
    List<Long> ids = new ArrayList<>();
    List<String> lines = within(liveBestFirst(learningKey), maxChars, ids);
    return new Injection(List.copyOf(ids), lines);
  }


  /**
   * Credits a session's reward to the entries it carried, then judges each by its impact: after
   * three uses, an entry whose sessions did at least as well as the key's others becomes active;
   * one whose sessions did more than 0.1 worse is deprecated.
   */
  public void recordOutcome(String learningKey, List<Long> injected, double reward, double keyRewardSum, long keySessions) {
    for (Long id : injected) {
      PlaybookEntry entry = em.find(PlaybookEntry.class, id);
      if (entry == null) {
        continue;
      }
      entry.recordUse(reward, clock.instant());
      Double delta = rewardDelta(entry, keyRewardSum, keySessions);
      if (entry.getUses() < USES_TO_JUDGE || delta == null) {
        continue;
      }
      double impact = delta;
      if (impact < -HARM && entry.getStatus() != Status.DEPRECATED) {
        entry.moveTo(Status.DEPRECATED, clock.instant());
      } else if (impact >= 0 && entry.getStatus() == Status.PROVISIONAL) {
        entry.moveTo(Status.ACTIVE, clock.instant());
      }
    }
  }

  /**
   * The mean reward of the sessions that carried the entry minus that of the key's other scored
   * sessions ({@code keySessions} of them in all, rewards summing to {@code keyRewardSum}); null
   * until both kinds exist.
   */
  static Double rewardDelta(PlaybookEntry entry, double keyRewardSum, long keySessions) {
    int uses = entry.getUses();
    long without = keySessions - uses;
    if (uses == 0 || without <= 0) {
      return null;
    }
    return entry.meanRewardWith() - (keyRewardSum - entry.meanRewardWith() * uses) / without;
  }

  /**
   * An entry's measured effect on its key: adoption (the share of the key's scored sessions that
   * carried it), the reward delta ({@link #rewardDelta}) and the impact, adoption times delta.
   */
  public record Impact(double adoption, Double rewardDelta, Double impact) {}

  /** Each entry's impact by its id, from one query over the scored sessions of the entries' keys. */
  public Map<Long, Impact> impacts(List<PlaybookEntry> entries) {
    Set<String> keys = entries.stream().map(PlaybookEntry::getLearningKey).collect(Collectors.toSet());
    Map<String, double[]> byKey = new HashMap<>(); // key -> {sessions, reward sum}
    if (!keys.isEmpty()) {
      em.createQuery("SELECT s.learningKey, COUNT(s), SUM(s.sessionReward) FROM AgentSession s WHERE s.learningKey IN :keys"
          + " AND s.sessionReward IS NOT NULL GROUP BY s.learningKey", Object[].class).setParameter("keys", keys).getResultList()
          .forEach(row -> byKey.put((String) row[0], new double[] {((Number) row[1]).doubleValue(),
              row[2] == null ? 0 : ((Number) row[2]).doubleValue()}));
    }
    Map<Long, Impact> out = new HashMap<>();
    for (PlaybookEntry entry : entries) {
      double[] key = byKey.getOrDefault(entry.getLearningKey(), new double[2]);
      long sessions = (long) key[0];
      double adoption = sessions == 0 ? 0 : Math.min(1.0, entry.getUses() / (double) sessions);
      Double delta = rewardDelta(entry, key[1], sessions);
      out.put(entry.getId(), new Impact(adoption, delta, delta == null ? null : adoption * delta));
    }
    return out;
  }

  public List<PlaybookEntry> entries(String learningKey) {
    return em.createQuery("SELECT e FROM PlaybookEntry e WHERE e.learningKey = :key ORDER BY e.id", PlaybookEntry.class)
        .setParameter("key", learningKey).getResultList();
  }

  /** Every learning key's entries, for the API, newest first. */
  public List<PlaybookEntry> all(int limit) {
    return em.createQuery("SELECT e FROM PlaybookEntry e ORDER BY e.id DESC", PlaybookEntry.class).setMaxResults(limit).getResultList();
  }

  /** The entries one profile's sessions taught, across its learning keys, newest first. */
  public List<PlaybookEntry> ofProfile(String profile, int limit) {
    return em.createQuery("SELECT e FROM PlaybookEntry e WHERE e.profile = :profile ORDER BY e.id DESC", PlaybookEntry.class)
        .setParameter("profile", profile).setMaxResults(limit).getResultList();
  }

  private static String normalise(String text) {
    return text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }
}
