package dev.runner.spring.tunnel;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.netty.util.ResourceLeakTracker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reports a leaked buffer (or any other tracked resource) during or right after it,
 * or when a tracked buffer is released once too often.
 * <p>
 * Registered for every test class of the module through extension auto-detection ({@code junit-platform.properties}
 * and {@code META-INF/services}). Loading the extension installs a {@link ResourceLeakDetectorFactory} whose detectors
 * record their leak reports, before any Netty buffer class exists. After each class, the garbage collector is forced
 * and every detector polled, so leaks of that class are reported to it. The build runs tests with
 * {@code -Dio.netty.leakDetection.level=paranoid}, so every buffer is tracked.
 * <p>
 * A second release is recorded where it happens, with its stack: it is often swallowed by the code that made it (a
 * Reactor discard hook, Netty's outbound buffer), yet it is worse than a leak, since a pooled buffer released twice
 * may free memory that another request owns by then.
 */
public final class NettyLeakDetection implements BeforeAllCallback, AfterAllCallback {

	private static final RecordingFactory FACTORY = RecordingFactory.install();

	@Override
	public void beforeAll(ExtensionContext context) {
		ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(1);
		probe.release();
		if (!FACTORY.tracks(ByteBuf.class)) {
			throw new IllegalStateException("Netty's buffer leak detector was created before " + getClass().getName()
					+ " could install its factory: leaks would go unnoticed");
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		assertNoLeaks(context.getDisplayName());
	}

	/**
	 * Forces the leaks of unreachable resources to be reported, and throws if any report was recorded since the last
	 * call. The recorded reports are cleared either way.
	 * @param owner what to blame in the failure message
	 */
	static void assertNoLeaks(String owner) {
		List<String> leaks = detectLeaks();
		if (!leaks.isEmpty()) {
			throw new AssertionError("Netty reported " + leaks.size() + " leak(s) or double release(s) during or after "
					+ owner
					+ " (or an earlier class whose leak was collected late):\n" + String.join("\n\n", leaks));
		}
	}

	private static List<String> detectLeaks() {
		for (int round = 0; round < 3; round++) {
			forceGarbageCollection();
			FACTORY.pollAll();
			ByteBufAllocator.DEFAULT.buffer(1).release();
			ByteBufAllocator.DEFAULT.directBuffer(1).release();
		}
		return FACTORY.drain();
	}

	private static void forceGarbageCollection() {
		WeakReference<Object> canary = new WeakReference<>(new Object());
		for (int attempt = 0; attempt < 20 && canary.get() != null; attempt++) {
			System.gc();
			pause(20);
		}
		System.gc();
		pause(50); // lets the reference handler enqueue what the collection found
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static final class RecordingFactory extends ResourceLeakDetectorFactory {

		private final List<RecordingDetector<?>> detectors = new CopyOnWriteArrayList<>();

		private final Queue<String> leaks = new ConcurrentLinkedQueue<>();

		static RecordingFactory install() {
			RecordingFactory factory = new RecordingFactory();
			ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(factory);
			return factory;
		}

		@Override
		public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
				long maxActive) {
			RecordingDetector<T> detector = new RecordingDetector<>(resource, samplingInterval, this.leaks);
			this.detectors.add(detector);
			return detector;
		}

		boolean tracks(Class<?> resource) {
			return this.detectors.stream().anyMatch((detector) -> detector.resource == resource);
		}

		void pollAll() {
			this.detectors.forEach(RecordingDetector::poll);
		}

		List<String> drain() {
			List<String> drained = new ArrayList<>();
			for (String leak = this.leaks.poll(); leak != null; leak = this.leaks.poll()) {
				drained.add(leak);
			}
			return drained;
		}

	}

	private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {

		private final Class<T> resource;

		private final Queue<String> leaks;

		RecordingDetector(Class<T> resource, int samplingInterval, Queue<String> leaks) {
			super(resource, samplingInterval);
			this.resource = resource;
			this.leaks = leaks;
		}

		@Override
		public ResourceLeakTracker<T> track(T resource) {
			ResourceLeakTracker<T> tracker = super.track(resource);
			return (tracker != null) ? new ReleasedOnce<>(tracker, this.leaks) : null;
		}

		@Override
		protected boolean needReport() {
			return true;
		}

		@Override
		protected void reportTracedLeak(String resourceType, String records) {
			this.leaks.add("LEAK: " + resourceType + ".release() was not called before it was garbage-collected."
					+ records);
		}

		@Override
		protected void reportUntracedLeak(String resourceType) {
			this.leaks.add("LEAK: " + resourceType + ".release() was not called before it was garbage-collected "
					+ "(no records: run with -Dio.netty.leakDetection.level=paranoid to see where).");
		}

		/** Tracks and closes a probe: the detector reports what the collector found meanwhile. */
		@SuppressWarnings("unchecked")
		void poll() {
			T probe = (T) new Object();
			ResourceLeakTracker<T> tracker = trackForcibly(probe);
			if (tracker != null) {
				tracker.close(probe);
			}
		}

	}

	/** Records a tracker closed again: its resource was released after its last reference was. */
	private static final class ReleasedOnce<T> implements ResourceLeakTracker<T> {

		private final ResourceLeakTracker<T> tracker;

		private final Queue<String> leaks;

		ReleasedOnce(ResourceLeakTracker<T> tracker, Queue<String> leaks) {
			this.tracker = tracker;
			this.leaks = leaks;
		}

		@Override
		public void record() {
			this.tracker.record();
		}

		@Override
		public void record(Object hint) {
			this.tracker.record(hint);
		}

		@Override
		public boolean close(T trackedObject) {
			boolean closed = this.tracker.close(trackedObject);
			if (!closed) {
				StringWriter trace = new StringWriter();
				new Throwable("released again here").printStackTrace(new PrintWriter(trace));
				this.leaks.add("RELEASED TWICE: a " + trackedObject.getClass().getSimpleName()
						+ " was released after its reference count reached 0.\n" + trace);
			}
			return closed;
		}

	}

}
