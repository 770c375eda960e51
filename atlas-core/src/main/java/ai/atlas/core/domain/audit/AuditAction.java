package ai.atlas.core.domain.audit;

/** The kinds of change the audit log records; the wire names are stable. */
public final class AuditAction {

  public static final String SESSION_REVIEW = "session.review";
  public static final String JOB_START = "job.start";
  public static final String JOB_STOP = "job.stop";
  public static final String JOB_PURGE = "job.purge";
  public static final String API_KEY_CREATE = "apikey.create";
  public static final String API_KEY_REVOKE = "apikey.revoke";
  public static final String API_KEY_LIMITS = "apikey.limits";
  public static final String USER_CREATE = "user.create";
  public static final String USER_UPDATE = "user.update";
  public static final String PROFILE_CHANGE = "profile.change";
  public static final String PROMPT_CHANGE = "prompt.change";
  public static final String PLUGIN_RESCAN = "plugin.rescan";

  private AuditAction() {}
}
