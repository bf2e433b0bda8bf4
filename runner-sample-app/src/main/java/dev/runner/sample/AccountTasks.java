package dev.runner.sample;

import java.math.BigDecimal;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerTask;

import org.springframework.stereotype.Component;

/**
 * Tasks that show guards, async contexts and a custom serializer type.
 *
 * @since 0.1.0
 */
@Component
public class AccountTasks {

	/** The async context the client sets with {@code tenant.provide("acme", ...)}. */
	public static final String TENANT_CONTEXT = "notes.ctx.tenant";

	private static final BigDecimal TAX = new BigDecimal("1.2");

	private final NoteStore store;

	AccountTasks(NoteStore store) {
		this.store = store;
	}

	/**
	 * Names the tenant the caller's async context says it acts for.
	 * @param context the call's context
	 * @return the tenant, or {@code anonymous}
	 */
	@RunnerTask(value = "notes.whoami", description = "the tenant of the caller's async context")
	public String whoami(RunnerContext context) {
		return context.asyncContext(TENANT_CONTEXT, String.class).orElse("anonymous");
	}

	/**
	 * Adds 20% tax to a price.
	 * @param net the price before tax
	 * @return the price after tax, in the same currency
	 */
	@RunnerTask(value = "notes.addTax", description = "adds 20% tax to a Price")
	public Price addTax(Price net) {
		return new Price(net.amount().multiply(TAX).stripTrailingZeros(), net.currency());
	}

	/**
	 * Removes every note; administrators only.
	 * @return how many notes were removed
	 */
	@RunnerTask(value = "notes.reset", description = "removes every note (administrators only)",
			guards = AdminGuard.class)
	public long reset() {
		long removed = this.store.size();
		this.store.clear();
		return removed;
	}

}
