package dev.runner.spring;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

/**
 * Says how a call was authenticated, as seen by a handler through {@link RunnerContext#authentication()}.
 *
 * @param kind what accepted the call
 * @param name for {@link Kind#TOKEN}, the position of the matching token in {@code runner.auth.tokens} (as text,
 * never the token itself); for {@link Kind#VALIDATOR}, the bean name of the validator; for
 * {@link Kind#SPRING_SECURITY}, the name of the authenticated principal; for the others, an empty string
 * @param principal for {@link Kind#SPRING_SECURITY}, Spring Security's {@code Authentication} of the call (see
 * {@link RunnerContext#principal()}); {@code null} for the others
 * @since 0.1.0
 */
public record RunnerAuthentication(Kind kind, String name, @Nullable Principal principal) {

	/** Authentication of a call made in-process, through the {@code Runner} bean. */
	public static final RunnerAuthentication IN_PROCESS = new RunnerAuthentication(Kind.IN_PROCESS, "");

	/** Authentication of a run started by a schedule ({@code runner.schedules}, {@code @RunnerTask(cron)}). */
	public static final RunnerAuthentication SCHEDULE = new RunnerAuthentication(Kind.SCHEDULE, "");

	/** Authentication of a call accepted because {@code runner.auth.allow-anonymous} is set. */
	public static final RunnerAuthentication ANONYMOUS = new RunnerAuthentication(Kind.ANONYMOUS, "");

	/**
	 * Creates an authentication without a principal.
	 * @param kind what accepted the call
	 * @param name see {@link RunnerAuthentication the record's description}
	 */
	public RunnerAuthentication(Kind kind, String name) {
		this(kind, name, null);
	}

	/**
	 * What accepted a call.
	 */
	public enum Kind {

		/** One of the configured tokens matched. */
		TOKEN,

		/** A {@link RunnerAuthValidator} bean accepted the request. */
		VALIDATOR,

		/**
		 * The application's Spring Security authentication beans accepted the call's credentials
		 * ({@code runner.auth.mode=spring-security}).
		 */
		SPRING_SECURITY,

		/** No auth is configured and anonymous calls are allowed. */
		ANONYMOUS,

		/** The call did not come over HTTP. */
		IN_PROCESS,

		/**
		 * The call is an occurrence of a schedule.
		 * @since 0.2.0
		 */
		SCHEDULE

	}

}
