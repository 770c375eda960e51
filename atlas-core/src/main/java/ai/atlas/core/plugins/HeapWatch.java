package ai.atlas.core.plugins;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Keeps one plugin call from taking the whole heap, and the server with it. The JVM reports when
 * its long-lived heap is still over {@value #FULL_PERCENT} % full after a collection; then the
 * running plugin call that has allocated the most (at least a quarter of the heap) is stopped, so
 * its session fails with that reason and what it held becomes garbage, before every other thread
 * runs out of memory too.
 */
final class HeapWatch {

  static final int FULL_PERCENT = 90;

  private static final Logger LOG = Logger.getLogger(HeapWatch.class.getName());
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  private HeapWatch() {}

  /** Watches the heap from now on; once per JVM, whichever plugin registry comes first. */
  static void install() {
    if (!INSTALLED.compareAndSet(false, true)) {
      return;
    }
    try {
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        long max = pool.getUsage().getMax();
        // The tenured pool: the one that supports both thresholds; eden and survivors do not.
        if (pool.getType() == MemoryType.HEAP && pool.isUsageThresholdSupported()
            && pool.isCollectionUsageThresholdSupported() && max > 0) {
          pool.setCollectionUsageThreshold(max / 100 * FULL_PERCENT);
        }
      }
      NotificationEmitter memory = (NotificationEmitter) ManagementFactory.getMemoryMXBean();
      memory.addNotificationListener((notification, handback) -> {
        if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) {
          MemoryNotificationInfo info = MemoryNotificationInfo.from((CompositeData) notification.getUserData());
          stopTheLargestAllocator(info.getUsage());
        }
      }, null, null);
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "the heap cannot be watched here; a plugin call that fills it is stopped only by its time limit", e);
    }
  }

  /** Only a call that allocated a quarter of the heap or more: a busy server near its limit is not a runaway plugin. */
  private static void stopTheLargestAllocator(MemoryUsage afterCollection) {
    RunningCall.largestAllocator().filter(call -> call.allocated() >= afterCollection.getMax() / 4).ifPresent(call -> call.stop(
        "the heap was " + mib(afterCollection.getUsed()) + " of " + mib(afterCollection.getMax()) + " MiB full after a collection,"
            + " and this call had allocated " + mib(call.allocated()) + " MiB"));
  }

  private static long mib(long bytes) {
    return bytes >> 20;
  }
}
