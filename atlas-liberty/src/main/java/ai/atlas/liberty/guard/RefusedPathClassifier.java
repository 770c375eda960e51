package ai.atlas.liberty.guard;

import com.ibm.wsspi.http.HttpInboundConnection;
import com.ibm.wsspi.http.HttpRequest;
import com.ibm.wsspi.http.WorkClassifier;
import java.util.concurrent.Executor;

/**
 * The guard's hook into Liberty's HTTP dispatcher, which asks its work classifier (an optional
 * service) for the executor of every request after the web container has taken it. For a path
 * the web container would refuse, the answer is an executor that writes the problem instead of
 * running the web container's handler; for any other request it is none, and the dispatcher runs
 * the request as it would without a classifier. Registered by OSGI-INF/ai.atlas.liberty.guard.xml.
 * The dispatcher has one classifier slot, which z/OS's workload management fills too: the guard
 * is for the distributed platforms ATLAS runs on.
 */
public final class RefusedPathClassifier implements WorkClassifier {

  @Override
  public Executor classify(HttpRequest request, HttpInboundConnection connection) {
    return RefusedPaths.refusal(request.getURI())
        .<Executor>map(reason -> handler -> ProblemAnswer.badRequest(connection, reason))
        .orElse(null);
  }
}
